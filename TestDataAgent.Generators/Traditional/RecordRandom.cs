using System.Numerics;

namespace TestDataAgent.Generators.Traditional;

/// <summary>
/// A random source that restarts for every record from (seed, record index, attempt): xoshiro256** whose state is
/// SplitMix64 of those words. So record <c>i</c> depends only on the seed and <c>i</c>, never on the records before it,
/// which is what lets a run be split across cores and machines and still give the same bytes. Restarting costs four
/// multiplications, not an allocation. Every virtual member of <see cref="Random"/> is overridden, so the base
/// class's own generator is never used.
/// </summary>
public sealed class RecordRandom : Random
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public RecordRandom(long seed) => Restart(seed, 0, 0);

    /// <summary>Restarts the sequence for one record (and one attempt at it: a redraw gets fresh values).</summary>
    public void Restart(long seed, long index, int attempt)
    {
        var x = (ulong)seed ^ ((ulong)index * 0xD1B54A32D192ED03UL) ^ ((ulong)(uint)attempt << 32);
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    public override int Next() => (int)(NextUInt64() >> 33) is var value && value == int.MaxValue ? int.MaxValue - 1 : value;

    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (int)Bounded((ulong)maxValue);
    }

    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return (int)((long)minValue + (long)Bounded((ulong)((long)maxValue - minValue)));
    }

    public override long NextInt64() => (long)(NextUInt64() >> 1) is var value && value == long.MaxValue ? long.MaxValue - 1 : value;

    public override long NextInt64(long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (long)Bounded((ulong)maxValue);
    }

    public override long NextInt64(long minValue, long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return unchecked(minValue + (long)Bounded((ulong)(maxValue - minValue)));
    }

    public override double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public override float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1U << 24));

    public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());

    public override void NextBytes(Span<byte> buffer)
    {
        while (buffer.Length >= 8)
        {
            BitConverter.TryWriteBytes(buffer, NextUInt64());
            buffer = buffer[8..];
        }

        if (buffer.Length > 0)
        {
            var last = NextUInt64();
            for (var i = 0; i < buffer.Length; i++, last >>= 8)
            {
                buffer[i] = (byte)last;
            }
        }
    }

    protected override double Sample() => NextDouble();

    // Lemire's multiply-shift with rejection: unbiased values in [0, range).
    private ulong Bounded(ulong range)
    {
        if (range <= 1)
        {
            return 0;
        }

        var high = Math.BigMul(NextUInt64(), range, out var low);
        if (low < range)
        {
            var threshold = unchecked(0 - range) % range;
            while (low < threshold)
            {
                high = Math.BigMul(NextUInt64(), range, out low);
            }
        }

        return high;
    }

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
