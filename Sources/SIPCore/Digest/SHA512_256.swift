/// SHA-512/256 (FIPS 180-4 §5.3.6.2, §6.7): the SHA-512 compression function started from its
/// own initial hash value and cut to 256 bits. RFC 7616 and RFC 8760 name it "SHA-512-256";
/// swift-crypto does not provide it, and a truncated plain SHA-512 gives a different digest.
///
/// Pure Swift, streaming, no allocation per block. Feed bytes with `update`, then `finalize`.
public struct SHA512_256: Sendable {
    /// Length of a digest in bytes.
    public static let byteCount = 32
    /// Length of one compression block in bytes.
    public static let blockByteCount = 128

    private var state: State
    /// Bytes not yet compressed; always fewer than a block. Allocated once per hasher.
    private var pending: [UInt8]
    /// Message length so far in bytes (FIPS 180-4 allows 2^128 - 1 bits; 2^64 bytes is plenty).
    private var messageByteCount: UInt64

    public init() {
        state = State.initial
        pending = []
        pending.reserveCapacity(Self.blockByteCount)
        messageByteCount = 0
    }

    /// The digest of `bytes` in one call.
    public static func hash(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var hasher = SHA512_256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Adds bytes to the message.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            update(bufferPointer: UnsafeRawBufferPointer(buffer))
        }
        if handled == nil {
            let copy = Array(bytes)
            copy.withUnsafeBytes { update(bufferPointer: $0) }
        }
    }

    /// Adds bytes to the message without copying them first.
    public mutating func update(bufferPointer: UnsafeRawBufferPointer) {
        guard bufferPointer.count > 0 else { return }
        messageByteCount &+= UInt64(bufferPointer.count)
        var input = bufferPointer[...]
        if !pending.isEmpty {
            let take = min(Self.blockByteCount - pending.count, input.count)
            pending.append(contentsOf: input.prefix(take))
            input = input.dropFirst(take)
            guard pending.count == Self.blockByteCount else { return }
            compressPending()
        }
        var local = state
        while input.count >= Self.blockByteCount {
            local.compress(UnsafeRawBufferPointer(rebasing: input.prefix(Self.blockByteCount)))
            input = input.dropFirst(Self.blockByteCount)
        }
        state = local
        pending.append(contentsOf: input)
    }

    /// Pads the message (FIPS 180-4 §5.1.2) and returns the 32-byte digest. The hasher itself is
    /// left as it was, so more bytes may still be added to it.
    public func finalize() -> [UInt8] {
        var copy = self
        let bitCountHigh = messageByteCount >> 61
        let bitCountLow = messageByteCount << 3
        copy.pending.append(0x80)
        if copy.pending.count > Self.blockByteCount - 16 {
            copy.pending.append(contentsOf: repeatElement(0, count: Self.blockByteCount - copy.pending.count))
            copy.compressPending()
        }
        copy.pending.append(contentsOf: repeatElement(0, count: Self.blockByteCount - 16 - copy.pending.count))
        for shift in stride(from: 56, through: 0, by: -8) {
            copy.pending.append(UInt8(truncatingIfNeeded: bitCountHigh >> UInt64(shift)))
        }
        for shift in stride(from: 56, through: 0, by: -8) {
            copy.pending.append(UInt8(truncatingIfNeeded: bitCountLow >> UInt64(shift)))
        }
        copy.compressPending()
        var digest: [UInt8] = []
        digest.reserveCapacity(Self.byteCount)
        for word in [copy.state.h0, copy.state.h1, copy.state.h2, copy.state.h3] {
            for shift in stride(from: 56, through: 0, by: -8) {
                digest.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
            }
        }
        return digest
    }

    private mutating func compressPending() {
        var local = state
        pending.withUnsafeBytes { local.compress($0) }
        state = local
        pending.removeAll(keepingCapacity: true)
    }
}

extension SHA512_256 {
    /// The eight working words H0...H7.
    struct State: Sendable {
        var h0, h1, h2, h3, h4, h5, h6, h7: UInt64

        /// FIPS 180-4 §5.3.6.2: the SHA-512/256 initial hash value (not SHA-512's).
        static let initial = State(
            h0: 0x22312194fc2bf72c, h1: 0x9f555fa3c84c64c2,
            h2: 0x2393b86b6f53b151, h3: 0x963877195940eabd,
            h4: 0x96283ee2a88effe3, h5: 0xbe5e1e2553863992,
            h6: 0x2b0199fc2c85b8aa, h7: 0x0eb72ddc81c52ca2
        )

        /// FIPS 180-4 §6.4.2 on one 128-byte block (big-endian words).
        mutating func compress(_ block: UnsafeRawBufferPointer) {
            precondition(block.count == SHA512_256.blockByteCount)
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 80) { w in
                for t in 0..<16 {
                    w[t] = UInt64(bigEndian: block.loadUnaligned(fromByteOffset: t &* 8, as: UInt64.self))
                }
                for t in 16..<80 {
                    let x = w[t &- 15], y = w[t &- 2]
                    let s0 = rotr(x, 1) ^ rotr(x, 8) ^ (x &>> 7)
                    let s1 = rotr(y, 19) ^ rotr(y, 61) ^ (y &>> 6)
                    w[t] = w[t &- 16] &+ s0 &+ w[t &- 7] &+ s1
                }
                var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
                SHA512_256.roundConstants.withUnsafeBufferPointer { k in
                    for t in 0..<80 {
                        let bigSigma1 = rotr(e, 14) ^ rotr(e, 18) ^ rotr(e, 41)
                        let choose = (e & f) ^ (~e & g)
                        let t1 = h &+ bigSigma1 &+ choose &+ k[t] &+ w[t]
                        let bigSigma0 = rotr(a, 28) ^ rotr(a, 34) ^ rotr(a, 39)
                        let majority = (a & b) ^ (a & c) ^ (b & c)
                        let t2 = bigSigma0 &+ majority
                        h = g
                        g = f
                        f = e
                        e = d &+ t1
                        d = c
                        c = b
                        b = a
                        a = t1 &+ t2
                    }
                }
                h0 &+= a
                h1 &+= b
                h2 &+= c
                h3 &+= d
                h4 &+= e
                h5 &+= f
                h6 &+= g
                h7 &+= h
            }
        }

        @inline(__always)
        private func rotr(_ x: UInt64, _ n: UInt64) -> UInt64 {
            (x &>> n) | (x &<< (64 &- n))
        }
    }

    /// FIPS 180-4 §4.2.3: the SHA-384/512 constants (cube roots of the first 80 primes).
    static let roundConstants: [UInt64] = [
        0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc,
        0x3956c25bf348b538, 0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118,
        0xd807aa98a3030242, 0x12835b0145706fbe, 0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2,
        0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235, 0xc19bf174cf692694,
        0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
        0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5,
        0x983e5152ee66dfab, 0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4,
        0xc6e00bf33da88fc2, 0xd5a79147930aa725, 0x06ca6351e003826f, 0x142929670a0e6e70,
        0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed, 0x53380d139d95b3df,
        0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
        0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30,
        0xd192e819d6ef5218, 0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8,
        0x19a4c116b8d2d0c8, 0x1e376c085141ab53, 0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8,
        0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373, 0x682e6ff3d6b2b8a3,
        0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
        0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b,
        0xca273eceea26619c, 0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178,
        0x06f067aa72176fba, 0x0a637dc5a2c898a6, 0x113f9804bef90dae, 0x1b710b35131c471b,
        0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc, 0x431d67c49c100d4c,
        0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817
    ]
}
