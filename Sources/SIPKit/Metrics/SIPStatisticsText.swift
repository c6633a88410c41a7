extension SIPStatistics {
    /// Status texts tshark prints beside each code (Wireshark ui/cli/tap-sipstat.c `vals_status_code`).
    static let statusNames: [Int: String] = [
        100: "Trying", 180: "Ringing", 181: "Call Is Being Forwarded", 182: "Queued", 183: "Session Progress",
        199: "Early Dialog Terminated", 200: "OK", 202: "Accepted", 204: "No Notification", 299: "Success - Others",
        300: "Multiple Choices", 301: "Moved Permanently", 302: "Moved Temporarily", 305: "Use Proxy",
        380: "Alternative Service", 399: "Redirection - Others", 400: "Bad Request", 401: "Unauthorized",
        402: "Payment Required", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 406: "Not Acceptable",
        407: "Proxy Authentication Required", 408: "Request Timeout", 410: "Gone", 412: "Conditional Request Failed",
        413: "Request Entity Too Large", 414: "Request-URI Too Long", 415: "Unsupported Media Type",
        416: "Unsupported URI Scheme", 417: "Unknown Resource-Priority", 420: "Bad Extension", 421: "Extension Required",
        422: "Session Timer Too Small", 423: "Interval Too Brief", 424: "Bad Location Information",
        428: "Use Identity Header", 429: "Provide Referrer Identity", 430: "Flow Failed", 433: "Anonymity Disallowed",
        436: "Bad Identity-Info", 437: "Unsupported Certificate", 438: "Invalid Identity Header",
        439: "First Hop Lacks Outbound Support", 440: "Max-Breadth Exceeded", 469: "Bad Info Package",
        470: "Consent Needed", 480: "Temporarily Unavailable", 481: "Call/Transaction Does Not Exist",
        482: "Loop Detected", 483: "Too Many Hops", 484: "Address Incomplete", 485: "Ambiguous", 486: "Busy Here",
        487: "Request Terminated", 488: "Not Acceptable Here", 489: "Bad Event", 491: "Request Pending",
        493: "Undecipherable", 494: "Security Agreement Required", 499: "Client Error - Others",
        500: "Server Internal Error", 501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable",
        504: "Server Time-out", 505: "Version Not Supported", 513: "Message Too Large", 580: "Precondition Failure",
        599: "Server Error - Others", 600: "Busy Everywhere", 603: "Decline", 604: "Does Not Exist Anywhere",
        606: "Not Acceptable", 607: "Unwanted", 699: "Global Failure - Others",
    ]

    /// The counters in the layout of `tshark -q -z sip,stat`. tshark lists codes and methods in
    /// hash-table order; here codes ascend and methods are sorted by name, so compare lines, not order.
    public var tsharkText: String {
        var out = "\n===================================================================\nSIP Statistics\n\n"
        out += "Number of SIP messages: \(messages)\nNumber of resent SIP messages: \(resentMessages)\n"
        out += "\n* SIP Status Codes in reply packets\n"
        for (code, count) in responsesByCode.sorted(by: { $0.key < $1.key }) where count > 0 {
            out += "  SIP \(code) " + Self.padded(Self.statusNames[code] ?? "", 15) + " : " + Self.leftPadded(count, 5) + " Packets\n"
        }
        out += "\n* List of SIP Request methods\n"
        for (method, count) in requestsByMethod.sorted(by: { $0.key < $1.key }) where count > 0 {
            out += "  " + Self.padded(method, 15) + " : " + Self.leftPadded(count, 5) + " Packets\n"
        }
        out += "\n* Average setup time \(averageSetupTimeMs) ms\n Min \(minSetupTimeMs) ms\n Max \(maxSetupTimeMs) ms\n"
        out += "===================================================================\n"
        return out
    }

    /// printf `%-Ns`.
    private static func padded(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// printf `%Nd`.
    private static func leftPadded(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
}
