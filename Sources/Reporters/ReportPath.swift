/// Input paths as CI tools want them: relative paths without a leading `./` (GitHub resolves them against
/// the repository root), the rest as given.
enum ReportPath {
    static func normalized(_ path: String) -> String {
        var path = path
        while path.hasPrefix("./") { path.removeFirst(2) }
        return path
    }
}

/// An input path as a SARIF `artifactLocation.uri` (RFC 3986 URI reference): relative paths stay relative,
/// absolute ones become `file://` URIs; characters outside the unreserved set and `/` are percent-encoded.
enum ArtifactURI {
    static func relative(_ path: String) -> String {
        let path = ReportPath.normalized(path)
        let encoded = percentEncoded(path)
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }

    private static func percentEncoded(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                output += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return output
    }
}
