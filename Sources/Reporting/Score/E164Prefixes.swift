/// E.164 country codes (ITU-T E.164 assignments, common zones) for grouping calls by destination.
/// Longest prefix wins. Covers zone 1 (NANP), zone 7, and the two- and three-digit codes of zones 2–9
/// listed below; an unlisted number falls back to its first digit (the world zone).
public enum E164Prefixes {
    public static let countries: [String: String] = [
        "1": "NANP (US, CA, Caribbean)", "7": "Russia / Kazakhstan",
        "20": "Egypt", "27": "South Africa", "30": "Greece", "31": "Netherlands", "32": "Belgium", "33": "France",
        "34": "Spain", "36": "Hungary", "39": "Italy", "40": "Romania", "41": "Switzerland", "43": "Austria",
        "44": "United Kingdom", "45": "Denmark", "46": "Sweden", "47": "Norway", "48": "Poland", "49": "Germany",
        "51": "Peru", "52": "Mexico", "53": "Cuba", "54": "Argentina", "55": "Brazil", "56": "Chile", "57": "Colombia",
        "58": "Venezuela", "60": "Malaysia", "61": "Australia", "62": "Indonesia", "63": "Philippines",
        "64": "New Zealand", "65": "Singapore", "66": "Thailand", "81": "Japan", "82": "South Korea", "84": "Vietnam",
        "86": "China", "90": "Turkey", "91": "India", "92": "Pakistan", "93": "Afghanistan", "94": "Sri Lanka",
        "95": "Myanmar", "98": "Iran",
        "211": "South Sudan", "212": "Morocco", "213": "Algeria", "216": "Tunisia", "218": "Libya", "220": "Gambia",
        "221": "Senegal", "225": "Côte d'Ivoire", "233": "Ghana", "234": "Nigeria", "237": "Cameroon", "244": "Angola",
        "251": "Ethiopia", "254": "Kenya", "255": "Tanzania", "256": "Uganda", "260": "Zambia", "263": "Zimbabwe",
        "351": "Portugal", "352": "Luxembourg", "353": "Ireland", "354": "Iceland", "355": "Albania", "356": "Malta",
        "357": "Cyprus", "358": "Finland", "359": "Bulgaria", "370": "Lithuania", "371": "Latvia", "372": "Estonia",
        "373": "Moldova", "374": "Armenia", "375": "Belarus", "376": "Andorra", "377": "Monaco", "378": "San Marino",
        "380": "Ukraine", "381": "Serbia", "382": "Montenegro", "385": "Croatia", "386": "Slovenia",
        "387": "Bosnia and Herzegovina", "389": "North Macedonia", "420": "Czechia", "421": "Slovakia",
        "423": "Liechtenstein", "852": "Hong Kong", "853": "Macau", "855": "Cambodia", "856": "Laos",
        "880": "Bangladesh", "886": "Taiwan", "960": "Maldives", "961": "Lebanon", "962": "Jordan", "963": "Syria",
        "964": "Iraq", "965": "Kuwait", "966": "Saudi Arabia", "967": "Yemen", "968": "Oman", "970": "Palestine",
        "971": "United Arab Emirates", "972": "Israel", "973": "Bahrain", "974": "Qatar", "975": "Bhutan",
        "976": "Mongolia", "977": "Nepal", "992": "Tajikistan", "993": "Turkmenistan", "994": "Azerbaijan",
        "995": "Georgia", "996": "Kyrgyzstan", "998": "Uzbekistan",
    ]

    /// The longest listed country code that prefixes `digits` (E.164 without '+'), with its name;
    /// nil for an empty or non-digit string. Unlisted: the first digit, named "zone N".
    public static func country(of digits: String) -> (code: String, name: String)? {
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else { return nil }
        for length in stride(from: min(3, digits.count), through: 1, by: -1) {
            let prefix = String(digits.prefix(length))
            if let name = countries[prefix] { return (prefix, name) }
        }
        return (String(digits.prefix(1)), "zone \(digits.prefix(1))")
    }

    /// The destination group of a number: `+CC name`, or with `areaDigits` > 0 `+CC AAA name` using that
    /// many digits after the country code (e.g. 3 for NANP area codes).
    public static func group(of digits: String, areaDigits: Int = 0) -> String? {
        guard let (code, name) = country(of: digits) else { return nil }
        let rest = digits.dropFirst(code.count)
        if areaDigits > 0, rest.count >= areaDigits { return "+\(code) \(rest.prefix(areaDigits)) \(name)" }
        return "+\(code) \(name)"
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
