# CallScope — the two commands a newcomer needs:
#   make demo   install missing system packages, build, analyse a capture from captures/ into reports/
#   make test   install missing system packages, build and run the whole test suite
SWIFT ?= swift
DEMO_CAPTURE ?= captures/demo-calls.pcap
CALLSCOPE = .build/release/callscope

.PHONY: demo test deps build release clean

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product callscope

demo: release
	@mkdir -p reports
	$(CALLSCOPE) info $(DEMO_CAPTURE)
	$(CALLSCOPE) info --json $(DEMO_CAPTURE) > reports/demo-info.json
	@echo "Reports written to reports/"

test: deps
	$(SWIFT) test

clean:
	rm -rf .build
