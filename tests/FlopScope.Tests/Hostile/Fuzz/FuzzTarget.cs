using FlopScope.Errors;
using FlopScope.Onnx;
using FlopScope.Profiling;
using FlopScope.Reporting;

namespace FlopScope.Fuzzing;

/// <summary>
/// One fuzz execution: load the bytes, profile them, write every report format. The property: the only exceptions are
/// <see cref="FlopScopeException"/> (the CLI's exit 2 with one line); anything else would be exit 3, and is a failure.
/// </summary>
public static class FuzzTarget
{
    private static readonly IReportWriter[] Writers = [new JsonReportWriter(), new CsvReportWriter(), new MarkdownReportWriter()];

    /// <summary>Runs <paramref name="bytes"/> through loader, profiler and writers; true when it profiled, false when it
    /// was rejected with a <see cref="FlopScopeException"/>.</summary>
    /// <exception cref="FuzzFailureException">Any other exception.</exception>
    public static bool Run(byte[] bytes, ChoiceTape options)
    {
        try
        {
            var model = OnnxModel.Load(bytes, "fuzz");
            var report = model.Profile(new ProfileOptions
            {
                Batch = options.OneIn(4) ? options.Pick(new long[] { 1, 2, 1L << 40 }) : null,
                // Only symbols the model has: --dim of an absent one is refused before any handler runs.
                Dims = new Dictionary<string, long> { ["N"] = options.Pick(new long[] { 1, 3, 0, 1L << 50 }), ["batch"] = 1 }
                    .Where(d => FlopScope.Profiling.InputBinder.Symbols(model.Model.Graph).Contains(d.Key, StringComparer.Ordinal))
                    .ToDictionary(),
                Convention = options.OneIn(3) ? CountingConvention.Ultralytics : CountingConvention.Default,
            });
            foreach (var writer in Writers)
            {
                using var text = new StringWriter();
                writer.Write(report, new ReportView { Top = 5 }, text);
                CheckOutput(bytes, writer.Format, text.ToString());
            }

            return true;
        }
        catch (FlopScopeException)
        {
            return false;
        }
        catch (Exception e)
        {
            throw new FuzzFailureException(bytes, e);
        }
    }

    // Output safety is part of the property: no terminal escape reaches any format, no raw tag reaches Markdown.
    private static void CheckOutput(byte[] bytes, string format, string text)
    {
        if (text.Contains('\u001b', StringComparison.Ordinal) || text.Contains('\0', StringComparison.Ordinal))
        {
            throw new FuzzFailureException(bytes, new InvalidOperationException($"{format} output carries a control character"));
        }

        if (format == "markdown" && text.Contains("<script", StringComparison.OrdinalIgnoreCase))
        {
            throw new FuzzFailureException(bytes, new InvalidOperationException("markdown output carries a raw <script> tag"));
        }
    }
}

/// <summary>An input that made FlopScope throw something other than a <see cref="FlopScopeException"/>.</summary>
public sealed class FuzzFailureException : Exception
{
    /// <summary>Creates the failure for <paramref name="input"/>.</summary>
    public FuzzFailureException(byte[] input, Exception cause) : base($"{cause.GetType().Name}: {cause.Message}", cause) => Input = input;

    /// <summary>Creates an empty failure.</summary>
    public FuzzFailureException() => Input = [];

    /// <summary>Creates a failure with a message.</summary>
    public FuzzFailureException(string message) : base(message) => Input = [];

    /// <summary>Creates a failure with a message and cause.</summary>
    public FuzzFailureException(string message, Exception innerException) : base(message, innerException) => Input = [];

    /// <summary>The input that failed (kept as a regression fixture).</summary>
    public byte[] Input { get; }
}
