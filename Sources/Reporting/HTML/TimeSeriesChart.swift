/// A small inline SVG chart of one per-interval series (`time_series` arrays): a line, or bars for counts.
struct TimeSeriesChart {
    enum Style { case line, bars }

    var title: String
    var unit: String
    var values: [Double?]
    /// Seconds per value.
    var interval: Double
    var style: Style = .line
    var colour: String = "#2563eb"

    static let width = 340.0, height = 150.0
    static let left = 44.0, right = 10.0, top = 22.0, bottom = 24.0

    var svg: String {
        let w = Self.width, h = Self.height
        let plotW = w - Self.left - Self.right, plotH = h - Self.top - Self.bottom
        let present = values.compactMap { $0 }.filter(\.isFinite)
        let yMax = Self.niceCeiling(present.max() ?? 0)
        let n = max(values.count, 1)
        let step = interval.isFinite && interval > 0 ? interval : 1
        let duration = Double(n) * step
        func x(_ i: Double) -> Double { Self.left + plotW * (i * step) / duration }
        func y(_ v: Double) -> Double { Self.top + plotH * (1 - min(max(v, 0), yMax) / yMax) }

        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(Int(w)) \(Int(h))\" role=\"img\" aria-label=\"\(HTMLText.escape(title))\">"
        svg += "<title>\(HTMLText.escape(title)) (\(HTMLText.escape(unit)))</title>"
        svg += "<text x=\"\(Int(Self.left))\" y=\"14\" class=\"ct\">\(HTMLText.escape(title)) <tspan class=\"cu\">\(HTMLText.escape(unit))</tspan></text>"
        for fraction in [0.0, 0.5, 1.0] {
            let yy = y(yMax * fraction)
            svg += "<line x1=\"\(f(Self.left))\" x2=\"\(f(w - Self.right))\" y1=\"\(f(yy))\" y2=\"\(f(yy))\" class=\"grid\"/>"
            svg += "<text x=\"\(f(Self.left - 4))\" y=\"\(f(yy + 3))\" class=\"ax\" text-anchor=\"end\">\(NumberText.compact(yMax * fraction, 1))</text>"
        }
        for fraction in [0.0, 0.5, 1.0] {
            let t = duration * fraction
            let anchor = fraction == 0 ? "start" : fraction == 1 ? "end" : "middle"
            svg += "<text x=\"\(f(Self.left + plotW * fraction))\" y=\"\(f(h - 8))\" class=\"ax\" text-anchor=\"\(anchor)\">\(ReportTime.clock(t))</text>"
        }
        if present.isEmpty {
            svg += "<text x=\"\(f(Self.left + plotW / 2))\" y=\"\(f(Self.top + plotH / 2))\" class=\"ax\" text-anchor=\"middle\">no data</text>"
        } else {
            switch style {
            case .bars:
                let barW = max(plotW / Double(n) - 1, 1)
                for (i, value) in values.enumerated() {
                    guard let value, value > 0 else { continue }
                    svg += "<rect x=\"\(f(x(Double(i))))\" y=\"\(f(y(value)))\" width=\"\(f(barW))\" height=\"\(f(Self.top + plotH - y(value)))\" fill=\"\(colour)\"><title>\(ReportTime.clock(Double(i) * step)): \(NumberText.compact(value, 2)) \(HTMLText.escape(unit))</title></rect>"
                }
            case .line:
                var segment: [String] = []
                func flush() {
                    if segment.count == 1 { segment.append(segment[0]) }
                    if !segment.isEmpty {
                        svg += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.5\" points=\"\(segment.joined(separator: " "))\"/>"
                    }
                    segment = []
                }
                for (i, value) in values.enumerated() {
                    guard let value, value.isFinite else { flush(); continue }
                    // Each value covers its interval; plot it at the interval's midpoint.
                    segment.append("\(f(x(Double(i) + 0.5))),\(f(y(value)))")
                }
                flush()
            }
        }
        svg += "</svg>"
        return svg
    }

    private func f(_ v: Double) -> String { NumberText.fixed(v, 1) }

    /// The smallest of 1, 2, 2.5, 5 × 10^k at or above `value` (1 for zero or negative data).
    static func niceCeiling(_ value: Double) -> Double {
        guard value > 1e-9, value.isFinite else { return 1 }
        var magnitude = 1.0
        while magnitude * 10 <= value { magnitude *= 10 }
        while magnitude > value { magnitude /= 10 }
        guard magnitude > 0 else { return 1 }
        for step in [1.0, 2.0, 2.5, 5.0, 10.0] where step * magnitude >= value { return step * magnitude }
        return 10 * magnitude
    }
}
