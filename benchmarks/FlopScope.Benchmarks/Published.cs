using System.Globalization;
using FlopScope.Hardware;
using FlopScope.Onnx;
using FlopScope.Validation;

namespace FlopScope.Benchmarks;

/// <summary><c>published MEASUREMENTS.json [--accuracy OUT.json] [--markdown OUT.md]</c>: estimates every published
/// measurement with the default catalogue and prints measured, estimated and their ratio, then the accuracy per
/// device class and runtime. Thin: the work is <see cref="PublishedValidation"/>.</summary>
internal static class Published
{
    public static int Run(string[] args)
    {
        var table = PublishedTable.Load(args[1]);
        string? accuracyOut = null, markdownOut = null;
        for (var i = 2; i + 1 < args.Length; i += 2)
        {
            if (args[i] == "--accuracy")
            {
                accuracyOut = args[i + 1];
            }
            else if (args[i] == "--markdown")
            {
                markdownOut = args[i + 1];
            }
        }

        var rows = PublishedValidation.Evaluate(table, DeviceCatalog.BuiltIn(), (path, options) => OnnxModel.Load(path).Profile(options));
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine($"{"model",-9} {"device",-16} {"runtime",-12} {"prec",-5} {"measured_ms",12} {"estimated_ms",13} {"est/meas",9}");
        foreach (var r in rows)
        {
            var m = r.Measurement;
            Console.WriteLine(string.Create(inv, $"{m.Model,-9} {m.Device,-16} {m.Runtime,-12} {m.Precision,-5} {m.MeasuredMs,12:0.###} {r.EstimatedMs,13:0.###} {r.Ratio,9:0.00}"));
        }

        var summaries = PublishedValidation.Summarise(rows);
        var overall = PublishedValidation.Overall(rows);
        Console.WriteLine();
        foreach (var s in summaries.Append(overall))
        {
            Console.WriteLine(string.Create(inv, $"{s.DeviceClass,-9} {s.Runtime,-12} rows {s.Rows,3}  median est/meas {s.MedianRatio:0.00}  median factor {s.MedianFactor:0.00}x  worst {s.WorstFactor:0.00}x"));
        }

        Console.WriteLine(string.Create(inv,
            $"acceptance (median est/meas within 1.3x, every row within 2x): median {overall.MedianRatio:0.00}, worst {overall.WorstFactor:0.00}x, rows within 2x {rows.Count(r => AccuracySummary.Factor(r.Ratio) <= 2)}/{rows.Count}"));
        if (accuracyOut is not null)
        {
            File.WriteAllText(accuracyOut, PublishedAccuracy.ToJson(summaries));
        }

        if (markdownOut is not null)
        {
            File.WriteAllText(markdownOut, Markdown(table, rows, summaries, overall));
        }

        return 0;
    }

    private static string Markdown(PublishedTable table, IReadOnlyList<ValidationRow> rows, IReadOnlyList<AccuracySummary> summaries, AccuracySummary overall)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new System.Text.StringBuilder();
        sb.AppendLine("| model | device | runtime | precision | measured ms | estimated ms | est / meas | source |");
        sb.AppendLine("|---|---|---|---|---:|---:|---:|---|");
        foreach (var r in rows)
        {
            var m = r.Measurement;
            sb.AppendLine(string.Create(inv, $"| {m.Model} ({m.ImageSize}, b{m.Batch}) | {m.Device} | {m.Runtime} | {m.Precision} | {m.MeasuredMs:0.###} | {r.EstimatedMs:0.###} | {r.Ratio:0.00} | [{m.Source}]({table.Sources[m.Source].Url}) |"));
        }

        sb.AppendLine();
        sb.AppendLine("| device class | runtime | rows | median est/meas | median factor | worst factor |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var s in summaries.Append(overall))
        {
            sb.AppendLine(string.Create(inv, $"| {s.DeviceClass} | {s.Runtime} | {s.Rows} | {s.MedianRatio:0.00} | {s.MedianFactor:0.00}x | {s.WorstFactor:0.00}x |"));
        }

        return sb.ToString();
    }
}
