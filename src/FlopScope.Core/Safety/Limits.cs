using System.Globalization;
using FlopScope.Errors;

namespace FlopScope.Safety;

/// <summary>
/// Bounds on what a model file, an option or a side file may make FlopScope do. Every bound has a default that no real
/// model comes near and is raised with <c>--limit NAME=VALUE</c> (names in <see cref="Names"/>; docs/limits.md says
/// why each exists). Exceeding one throws <see cref="LimitExceededException"/> naming it.
/// </summary>
/// <remarks>
/// Library callers pass a <see cref="Limits"/> explicitly or rely on <see cref="Current"/>, which the CLI sets once per
/// command from its flags (it flows with the async context, so parallel callers do not see each other's).
/// </remarks>
public sealed record Limits
{
    private static readonly AsyncLocal<Limits?> Ambient = new();

    /// <summary>The built-in defaults.</summary>
    public static Limits Default { get; } = new();

    /// <summary>The limits in force for this call chain: those set with <see cref="Use"/>, else <see cref="Default"/>.</summary>
    public static Limits Current => Ambient.Value ?? Default;

    /// <summary>Depth of nested subgraphs (If/Loop/Scan bodies, graph attributes) and of local-function calls.
    /// Default 64 (real models nest fewer than 10). <c>--limit nesting=N</c>, at most <see cref="MaxNestingCeiling"/>.</summary>
    public int Nesting { get; init; } = 64;

    /// <summary>Highest value <c>--limit nesting</c> accepts: deeper recursion than this would exhaust the stack.</summary>
    public const int MaxNestingCeiling = 2048;

    /// <summary>Nodes analysed in all, counting subgraph nodes and every local-function expansion. Default 5,000,000
    /// (about 1.5 KB of memory each). <c>--limit nodes=N</c>.</summary>
    public long Nodes { get; init; } = 5_000_000;

    /// <summary>Rank of one tensor. Default 64 (NumPy's own maximum). <c>--limit rank=N</c>.</summary>
    public int Rank { get; init; } = 64;

    /// <summary>Elements of one tensor (and so any one dimension). Default 2^50 (about 10^15: a petabyte of bytes).
    /// <c>--limit elements=N</c>.</summary>
    public long Elements { get; init; } = 1L << 50;

    /// <summary>Bytes a gzip-compressed model may inflate to. Default and ceiling: 2 GiB - 1, protobuf's own limit on
    /// one message. <c>--limit decompressed=BYTES</c> lowers it.</summary>
    public long Decompressed { get; init; } = int.MaxValue;

    /// <summary>Bytes read from one JSON side file (<c>--devices</c>, <c>--baseline</c>, saved bench results, model
    /// configs). Default 64 MiB. <c>--limit json=BYTES</c>.</summary>
    public long Json { get; init; } = 64L << 20;

    /// <summary>Bytes of one <c>.npy</c> or <c>.pb</c> input file read by bench. Default 2 GiB - 1.
    /// <c>--limit npy=BYTES</c>.</summary>
    public long Npy { get; init; } = int.MaxValue;

    /// <summary>Intra-op threads bench may ask ONNX Runtime for. Default 4 x the logical processors (at least 16):
    /// hundreds of spinning threads only thrash, and glibc aborts near 200. <c>--limit threads=N</c>.</summary>
    public int Threads { get; init; } = Math.Max(16, 4 * Environment.ProcessorCount);

    /// <summary>The names <c>--limit</c> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["nesting", "nodes", "rank", "elements", "decompressed", "json", "npy", "threads"];

    /// <summary>Makes <paramref name="limits"/> <see cref="Current"/> until the returned scope is disposed.</summary>
    public static IDisposable Use(Limits limits)
    {
        var previous = Ambient.Value;
        Ambient.Value = limits;
        return new Scope(previous);
    }

    /// <summary>Applies <c>NAME=VALUE</c> settings (from repeated <c>--limit</c> flags) over these limits. Values take
    /// an optional K/M/G (x1000) or KiB/MiB/GiB (x1024) suffix.</summary>
    /// <exception cref="FlopScopeException">Unknown name, bad number, a name given twice, or a value out of range.</exception>
    public Limits With(IEnumerable<string> settings)
    {
        var result = this;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var setting in settings)
        {
            var at = setting.IndexOf('=');
            var name = at > 0 ? setting[..at].Trim().ToLowerInvariant() : string.Empty;
            if (at <= 0 || !Names.Contains(name))
            {
                throw new FlopScopeException($"--limit takes NAME=VALUE with NAME one of {string.Join(", ", Names)} (e.g. --limit nesting=200), got '{setting}'.");
            }

            if (!seen.Add(name))
            {
                throw new FlopScopeException($"--limit {name} is given twice.");
            }

            var value = ParseValue(setting[(at + 1)..], name);
            result = name switch
            {
                "nesting" => result with { Nesting = (int)InRange(value, name, 1, MaxNestingCeiling) },
                "nodes" => result with { Nodes = InRange(value, name, 1, long.MaxValue) },
                "rank" => result with { Rank = (int)InRange(value, name, 1, 1024) },
                "elements" => result with { Elements = InRange(value, name, 1, 1L << 60) },
                "decompressed" => result with { Decompressed = InRange(value, name, 1, int.MaxValue) },
                "json" => result with { Json = InRange(value, name, 1, int.MaxValue) },
                "npy" => result with { Npy = InRange(value, name, 1, int.MaxValue) },
                _ => result with { Threads = (int)InRange(value, name, 1, 4096) },
            };
        }

        return result;
    }

    /// <summary>Throws when <paramref name="depth"/> exceeds <see cref="Nesting"/>; <paramref name="where"/> names the
    /// model and node.</summary>
    public void CheckNesting(int depth, string where)
    {
        if (depth > Nesting)
        {
            throw Exceeded("nesting", $"{where}: subgraphs or function calls nest deeper than {Nesting} levels");
        }
    }

    /// <summary>The error for limit <paramref name="name"/>, with the flag that raises it.</summary>
    public static LimitExceededException Exceeded(string name, string what) =>
        new(name, $"{what} (limit '{name}'; raise it with --limit {name}=VALUE, see docs/limits.md).");

    private static long ParseValue(string text, string name)
    {
        var t = text.Trim();
        long scale = 1;
        foreach (var (suffix, factor) in Suffixes)
        {
            if (t.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                scale = factor;
                t = t[..^suffix.Length];
                break;
            }
        }

        if (!long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            throw new FlopScopeException($"--limit {name}: '{text}' is not a positive whole number (suffixes K, M, G, KiB, MiB, GiB).");
        }

        return CheckedMath.Multiply(number, scale, $"--limit {name}={text}");
    }

    private static readonly (string Suffix, long Factor)[] Suffixes =
        [("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30), ("K", 1_000), ("M", 1_000_000), ("G", 1_000_000_000)];

    private static long InRange(long value, string name, long min, long max) =>
        value >= min && value <= max ? value : throw new FlopScopeException($"--limit {name} must be between {min:N0} and {max:N0}, got {value:N0}.");

    private sealed class Scope(Limits? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
