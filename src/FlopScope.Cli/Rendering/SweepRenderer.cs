using System.Globalization;
using System.Text.Json;
using FlopScope.Errors;
using FlopScope.Reporting;
using FlopScope.Sweeps;
using Spectre.Console;

namespace FlopScope.Cli.Rendering;

/// <summary>Renders a sweep: one row per size, then the fitted formulas (or why there are none).</summary>
public sealed class SweepRenderer(IAnsiConsole console)
{
    private IReadOnlyDictionary<long, double>? _measured;

    /// <summary>Renders <paramref name="result"/> as console tables, JSON or Markdown.</summary>
    /// <param name="result">The sweep.</param>
    /// <param name="format">console, json or markdown.</param>
    /// <param name="measuredMs">Measured median latency per size, when the sweep was benchmarked.</param>
    public void Render(SweepResult result, string format, IReadOnlyDictionary<long, double>? measuredMs = null)
    {
        _measured = measuredMs;
        switch (format)
        {
            case "console":
                RenderConsole(result);
                break;
            case "json":
                RenderJson(result);
                break;
            case "markdown":
                RenderMarkdown(result);
                break;
            default:
                throw new FlopScopeException($"--sweep writes console, json or markdown, not {format}.");
        }
    }

    private static string Variable(SweepResult r) => r.Dimension switch { "imgsz" => "S", "batch" => "B", _ => r.Dimension.Length > 0 ? r.Dimension[..1].ToUpperInvariant() : "x" };

    private void RenderConsole(SweepResult result)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"Sweep over {result.Dimension} ({result.Points[0].Report.Summary.Model}, {ConventionText.Name(result.Points[0].Report.Summary.Convention)} convention)"))
            .AddColumn(result.Dimension).AddColumn(new TableColumn("Input").LeftAligned()).AddColumn(new TableColumn("Params").RightAligned())
            .AddColumn(new TableColumn("GFLOPs").RightAligned()).AddColumn(new TableColumn("Total GFLOPs").RightAligned())
            .AddColumn(new TableColumn("Peak activations").RightAligned());
        if (_measured is not null)
        {
            table.AddColumn(new TableColumn("Measured ms").RightAligned());
        }

        foreach (var (size, report) in result.Points)
        {
            var cells = new List<string>
            {
                size.ToString(CultureInfo.InvariantCulture), Markup.Escape(report.InputShapeText), Units.Grouped(report.Summary.Parameters.Total),
                Units.Giga(report.Summary.Flops, "0.###"), Units.Giga(report.Summary.TotalFlops, "0.###"), Units.Bytes(report.Memory.PeakActivationBytes),
            };
            if (_measured is not null)
            {
                cells.Add(_measured.TryGetValue(size, out var ms) ? ms.ToString("0.###", CultureInfo.InvariantCulture) : "-");
            }

            table.AddRow(cells.ToArray());
        }

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

    private void RenderMarkdown(SweepResult result)
    {
        var w = console.Profile.Out.Writer;
        w.Write($"| {result.Dimension} | input | params | GFLOPs | total GFLOPs | peak activations |\n|---:|---|---:|---:|---:|---:|\n");
        foreach (var (size, report) in result.Points)
        {
            w.Write($"| {size} | {report.InputShapeText} | {Units.Grouped(report.Summary.Parameters.Total)} | {Units.Giga(report.Summary.Flops, "0.###")} | {Units.Giga(report.Summary.TotalFlops, "0.###")} | {Units.Bytes(report.Memory.PeakActivationBytes)} |\n");
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

    private void RenderJson(SweepResult result)
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

                if (_measured is not null && _measured.TryGetValue(size, out var ms))
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

        console.Profile.Out.Writer.WriteLine(text);
    }
}
