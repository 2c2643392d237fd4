namespace FlopScope.Fuzzing;

/// <summary>Byte-level mutations of a seed file, driven by a <see cref="ChoiceTape"/>: bit flips, interesting bytes
/// (0x00, 0xFF, varint continuation 0x80), varint tags with huge field numbers, inserted and deleted runs, truncation
/// and duplicated slices (which repeat protobuf fields).</summary>
public static class ByteMutator
{
    private static readonly byte[] Interesting = [0x00, 0xFF, 0x80, 0x7F, 0x01, 0x08, 0x0A, 0x12, 0x3A, 0x1F, 0x8B];

    /// <summary>A mutated copy of <paramref name="seed"/>.</summary>
    public static byte[] Mutate(byte[] seed, ChoiceTape tape)
    {
        var data = new List<byte>(seed);
        var steps = 1 + tape.Next(8);
        for (var s = 0; s < steps && data.Count > 0; s++)
        {
            var at = tape.Next(data.Count);
            switch (tape.Next(7))
            {
                case 0:
                    data[at] ^= (byte)(1 << tape.Next(8));
                    break;
                case 1:
                    data[at] = tape.Pick(Interesting);
                    break;
                case 2:
                    // A 6-byte varint key: field number >= 2^34.
                    data.InsertRange(at, new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 });
                    break;
                case 3:
                    data.RemoveRange(at, Math.Min(1 + tape.Next(64), data.Count - at));
                    break;
                case 4:
                    data.RemoveRange(at, data.Count - at);
                    break;
                case 5:
                    var length = Math.Min(1 + tape.Next(256), data.Count - at);
                    var slice = data.GetRange(at, length);
                    data.InsertRange(tape.Next(data.Count), slice);
                    break;
                default:
                    // A length prefix made huge.
                    data.InsertRange(at, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x0F });
                    break;
            }
        }

        return [.. data];
    }
}
