using System.Globalization;
using System.Text.Json;
using FlopScope.Reporting;
using FlopScope.Sweeps;
using Spectre.Console;

namespace FlopScope.Cli.Rendering;

/// <summary>Formats a sweep: one row per size, then the fitted formulas (or why there are none). The console,
/// JSON and Markdown exporters call it.</summary>
public static class SweepRenderer
{
    private static string Variable(SweepResult r) => r.Dimension switch { "imgsz" => "S", "batch" => "B", _ => r.Dimension.Length > 0 ? r.Dimension[..1].ToUpperInvariant() : "x" };

    /// <summary>Console tables.</summary>
    public static void Console(IAnsiConsole console, SweepResult result, IReadOnlyDictionary<long, double>? measuredMs)
    {
        var convention = result.Points[0].Report.Summary.Convention;
        var unit = ConventionText.HeadlineUnit(convention);
        var columns = new List<Column<(long Size, FlopScope.Profiling.ProfileReport Report)>>
        {
            new(result.Dimension, "size", p => p.Size.ToString(CultureInfo.InvariantCulture), p => p.Size.ToString(CultureInfo.InvariantCulture)),
            new("Input", "input", p => p.Report.InputShapeText, p => p.Report.InputShapeText, Numeric: false, Priority: 2, Fit: ColumnFit.Wrap),
            new("Params", "params", p => p.Report.Summary.Parameters.Total.ToString(CultureInfo.InvariantCulture), p => Units.Grouped(p.Report.Summary.Parameters.Total), Priority: 2),
            new(unit, ConventionText.HeadlineKey(convention), p => ConventionText.HeadlineCount(p.Report.Summary).ToString(CultureInfo.InvariantCulture), p => Units.Giga(ConventionText.HeadlineCount(p.Report.Summary), "0.###")),
            new("Total GFLOPs", "total_flops", p => p.Report.Summary.TotalFlops.ToString(CultureInfo.InvariantCulture), p => Units.Giga(p.Report.Summary.TotalFlops, "0.###"), Priority: 1),
            new("Peak activations", "peak_activation_bytes", p => p.Report.Memory.PeakActivationBytes.ToString(CultureInfo.InvariantCulture), p => Units.Bytes(p.Report.Memory.PeakActivationBytes), Priority: 1),
        };
        if (measuredMs is not null)
        {
            columns.Add(new("Measured ms", "measured_ms", p => measuredMs.TryGetValue(p.Size, out var ms) ? ms.ToString("0.####", CultureInfo.InvariantCulture) : string.Empty,
                p => measuredMs.TryGetValue(p.Size, out var ms) ? ms.ToString("0.###", CultureInfo.InvariantCulture) : "-"));
        }

        var title = $"Sweep over {result.Dimension} ({result.Points[0].Report.Summary.Model}, {ConventionText.Name(result.Points[0].Report.Summary.Convention)} convention)";
        var table = FlopScope.Cli.Exporting.ConsoleTables.Build(ResultTable.Of(title, "points", columns, result.Points), console.Profile.Width);
        console.Write(table);
        var v = Variable(result);
        foreach (var (metric, fit) in result.Fits)
        {
            if (fit is not null)
            {
                console.MarkupLine(Markup.Escape($"{metric}({v}) = {fit.ToString(v)}"));
            }
        }

        if (result.Reason is not null)
        {
            console.MarkupLine("[yellow]" + Markup.Escape(result.Reason) + "[/]");
        }

        console.MarkupLine(Markup.Escape($"({v} = {result.Dimension}; each formula is exact and checked at a size not used to fit it)"));
    }

    /// <summary>Markdown table and formulas.</summary>
    public static void Markdown(TextWriter w, SweepResult result)
    {
        w.Write($"| {result.Dimension} | input | params | {ConventionText.HeadlineUnit(result.Points[0].Report.Summary.Convention)} | total GFLOPs | peak activations |\n|---:|---|---:|---:|---:|---:|\n");
        foreach (var (size, report) in result.Points)
        {
            w.Write($"| {size} | {report.InputShapeText} | {Units.Grouped(report.Summary.Parameters.Total)} | {Units.Giga(ConventionText.HeadlineCount(report.Summary), "0.###")} | {Units.Giga(report.Summary.TotalFlops, "0.###")} | {Units.Bytes(report.Memory.PeakActivationBytes)} |\n");
        }

        w.Write('\n');
        var v = Variable(result);
        foreach (var (metric, fit) in result.Fits.Where(f => f.Value is not null))
        {
            w.Write($"- {metric}({v}) = {fit!.ToString(v)}\n");
        }

        if (result.Reason is not null)
        {
            w.Write($"- {result.Reason}\n");
        }
    }

    /// <summary>JSON document (schema flopscope.sweep/1).</summary>
    public static void Json(TextWriter output, SweepResult result, IReadOnlyDictionary<long, double>? measuredMs)
    {
        var text = JsonText.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("schema", "flopscope.sweep/1");
            json.WriteString("dimension", result.Dimension);
            json.WriteString("variable", Variable(result));
            json.WriteStartArray("points");
            foreach (var (size, report) in result.Points)
            {
                json.WriteStartObject();
                json.WriteNumber("size", size);
                json.WriteString("input", report.InputShapeText);
                foreach (var (name, value) in Sweeper.Metrics)
                {
                    json.WriteNumber(name.Replace(' ', '_').ToLowerInvariant(), value(report));
                }

                if (measuredMs is not null && measuredMs.TryGetValue(size, out var ms))
                {
                    json.WriteNumber("measured_ms", Math.Round(ms, 4));
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("formulas");
            foreach (var (metric, fit) in result.Fits)
            {
                if (fit is null)
                {
                    json.WriteNull(metric.Replace(' ', '_').ToLowerInvariant());
                }
                else
                {
                    json.WriteString(metric.Replace(' ', '_').ToLowerInvariant(), fit.ToString(Variable(result)));
                }
            }

            json.WriteEndObject();
            if (result.Reason is not null)
            {
                json.WriteString("note", result.Reason);
            }

            json.WriteEndObject();
        });

        output.WriteLine(text);
    }
}
