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
	$(CALLSCOPE) analyze $(DEMO_CAPTURE) --json reports/demo.json --html reports/demo.html --csv reports
	@echo "Reports written to reports/: demo.json, demo.html (open it in a browser), calls.csv, streams.csv"

test: deps
	$(SWIFT) test

clean:
	rm -rf .build
