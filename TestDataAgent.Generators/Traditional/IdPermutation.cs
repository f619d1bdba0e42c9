namespace TestDataAgent.Generators.Traditional;

/// <summary>
/// A keyed pseudo-random permutation of [0, size): a balanced Feistel network over the smallest even number of
/// bits that covers <c>size</c>, with cycle walking. Record <c>i</c> gets ID digits <c>Map(i)</c>, so IDs look
/// random, never repeat within a response of up to <c>size</c> records, and need no memory to stay unique.
/// </summary>
public sealed class IdPermutation
{
    private const int Rounds = 4;

    private readonly ulong _size;
    private readonly int _halfBits;
    private readonly ulong _halfMask;
    private readonly ulong[] _keys = new ulong[Rounds];

    public IdPermutation(ulong size, ulong key)
    {
        ArgumentOutOfRangeException.ThrowIfZero(size);
        _size = size;
        var bits = Math.Max(2, 64 - (int)ulong.LeadingZeroCount((size - 1) | 1));
        bits += bits & 1;
        _halfBits = bits / 2;
        _halfMask = (1UL << _halfBits) - 1;
        var state = key;
        for (var i = 0; i < Rounds; i++)
        {
            _keys[i] = SplitMix64(ref state);
        }
    }

    public ulong Size => _size;

    public ulong Map(ulong index)
    {
        if (index >= _size)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Only {_size} distinct values exist.");
        }

        var value = index;
        do
        {
            value = Encrypt(value);
        }
        while (value >= _size);

        return value;
    }

    private ulong Encrypt(ulong value)
    {
        var left = value >> _halfBits;
        var right = value & _halfMask;
        for (var round = 0; round < Rounds; round++)
        {
            var next = left ^ (Mix(right ^ _keys[round]) & _halfMask);
            left = right;
            right = next;
        }

        return (left << _halfBits) | right;
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    internal static ulong SplitMix64(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }
}
