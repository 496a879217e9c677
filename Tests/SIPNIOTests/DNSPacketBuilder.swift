/// Builds DNS messages octet by octet for the parser's tests, so that every offset and
/// compression pointer is one the test chose.
struct DNSPacketBuilder {
    var bytes: [UInt8] = []

    init(id: UInt16 = 0x1234, flags: UInt16 = 0x8180, questions: UInt16 = 1, answers: UInt16, authorities: UInt16 = 0, additionals: UInt16 = 0) {
        u16(id); u16(flags); u16(questions); u16(answers); u16(authorities); u16(additionals)
    }

    var offset: Int { bytes.count }

    mutating func u8(_ value: UInt8) { bytes.append(value) }
    mutating func u16(_ value: UInt16) { bytes += [UInt8(value >> 8), UInt8(value & 0xFF)] }
    mutating func u32(_ value: UInt32) { bytes += [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }

    /// Labels of `name`, then the root (or, with `thenPointer`, a pointer instead).
    mutating func name(_ name: String, thenPointer pointer: Int? = nil) {
        for label in name.split(separator: ".") where !label.isEmpty {
            u8(UInt8(label.utf8.count))
            bytes += Array(label.utf8)
        }
        if let pointer { self.pointer(pointer) } else { u8(0) }
    }

    mutating func pointer(_ offset: Int) { u16(0xC000 | UInt16(offset)) }

    mutating func characterString(_ text: String) {
        u8(UInt8(text.utf8.count))
        bytes += Array(text.utf8)
    }

    mutating func question(_ name: String, type: UInt16) {
        self.name(name)
        u16(type); u16(1)
    }

    /// A record whose owner name is written by `owner`, and whose RDATA by `data`; the
    /// RDLENGTH is filled in.
    mutating func record(type: UInt16, ttl: UInt32 = 300, owner: (inout DNSPacketBuilder) -> Void, data: (inout DNSPacketBuilder) -> Void) {
        owner(&self)
        u16(type); u16(1); u32(ttl)
        let lengthAt = offset
        u16(0)
        let start = offset
        data(&self)
        let length = offset - start
        bytes[lengthAt] = UInt8(length >> 8)
        bytes[lengthAt + 1] = UInt8(length & 0xFF)
    }
}
