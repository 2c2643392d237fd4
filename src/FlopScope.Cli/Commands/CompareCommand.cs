using System.Globalization;
using System.Text.Json;
using FlopScope.Cli.Exporting;
using FlopScope.Cli.Infrastructure;
using FlopScope.Comparison;
using FlopScope.Errors;
using FlopScope.Hardware;
using FlopScope.Onnx;
using FlopScope.Onnx.Batch;
using FlopScope.Reporting;
using FlopScope.Runtime;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FlopScope.Cli.Commands;

/// <summary><c>flopscope compare A.onnx B.onnx results.json ...</c>: one row per model with parameters, GFLOPs, memory,
/// estimated latency per device and measured latency from saved bench results.</summary>
public sealed class CompareCommand(Consoles consoles) : Command<CompareSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, CompareSettings settings, CancellationToken cancellationToken)
    {
        var exporter = Exporters.Resolve(settings.Format, settings.Output, ResultKind.Tables, "compare");
        if (settings.Files.Length == 0)
        {
            throw new FlopScopeException("Give at least one model or saved result to compare.");
        }

        var catalog = settings.Catalog();
        var devices = settings.Device is { } ids
            ? ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(catalog.Get).ToList()
            : [];
        var options = settings.ToProfileOptions();
        // Folders and globs become their models; models are profiled in parallel, and one that fails is named in its
        // row and on stderr while the others go on.
        var inputs = ModelFiles.Expand(settings.Files);
        var models = inputs.Where(i => !i.EndsWith(".json", StringComparison.OrdinalIgnoreCase)).Distinct().ToList();
        var profiled = BatchProfiler.Profile(models, options, Environment.ProcessorCount, cancellationToken).ToDictionary(b => b.Path);
        var rows = new List<ComparisonRow>();
        var failed = 0;
        var bug = false;
        foreach (var input in inputs)
        {
            ComparisonRow row;
            if (input.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    row = FromJson(input);
                }
                catch (FlopScopeException e)
                {
                    row = ComparisonRow.Failed(input, e.Message);
                }
            }
            else
            {
                var item = profiled[input];
                bug |= item.Internal;
                row = item.Report is { } report ? FromModel(report, input, devices, settings.Runtime, consoles) : ComparisonRow.Failed(input, item.Error!);
            }

            if (row.Status?.StartsWith("failed: ", StringComparison.Ordinal) == true)
            {
                failed++;
                consoles.Error.WriteLine($"error: {input}: {row.Status["failed: ".Length..]}", new Style(Color.Red));
            }

            // A bench result joins the row of the same model when there is one.
            var existing = rows.FindIndex(r => r.Model == row.Model && r.MeasuredMs is null && row.MeasuredMs is not null && row.Parameters is null);
            if (existing >= 0)
            {
                rows[existing] = rows[existing] with { MeasuredMs = row.MeasuredMs, MeasuredOn = row.MeasuredOn };
            }
            else
            {
                rows.Add(row);
            }
        }

        var conventions = rows.Select(r => r.Convention).OfType<string>().Distinct().ToList();
        if (conventions.Count > 1)
        {
            consoles.Error.MarkupLineInterpolated($"[yellow]warning:[/] the rows use different conventions ({string.Join(", ", conventions)}): their headline figures count different things");
        }

        var columns = ComparisonTable.Columns(rows, devices.Select(d => d.Id).ToList(), devices.ToDictionary(d => d.Id, d => Kernels.RuntimeCatalog.BuiltIn.For(d, settings.Runtime).Id));
        exporter.Export(new ResultContext
        {
            Kind = ResultKind.Tables,
            Schema = "flopscope.compare/1",
            Tables = [ResultTable.Of(ComparisonTable.Title(rows), "rows", columns, rows)],
        }, new ExportTarget(consoles, settings.Output));
        if (failed > 0)
        {
            consoles.Error.WriteLine($"{failed} of {inputs.Count} input(s) failed; the table shows the others", new Style(Color.Red));
        }

        return bug ? ExitCodes.InternalError : failed > 0 ? ExitCodes.BadInput : ExitCodes.Success;
    }

    private static ComparisonRow FromModel(Profiling.ProfileReport report, string path, List<DeviceProfile> devices, string? runtime, Consoles consoles)
    {
        var missing = report.Summary.Unsupported.Concat(report.Summary.Unresolved).ToList();
        if (missing.Count > 0)
        {
            consoles.Error.MarkupLineInterpolated(
                $"[yellow]warning:[/] {report.Summary.Model}: {string.Join(", ", missing.Select(m => $"{m.Op} x {m.Nodes}"))} not counted: its figures are incomplete");
        }

        return ComparisonRow.FromReport(report, path, devices, runtime);
    }

    private static ComparisonRow FromJson(string path)
    {
        if (!File.Exists(path))
        {
            throw new FlopScopeException($"File not found: '{path}'.");
        }

        var text = FlopScope.Safety.BoundedFile.ReadJson(path, "saved result");
        string? schema;
        try
        {
            using var document = JsonDocument.Parse(text);
            schema = document.RootElement.TryGetProperty("schema", out var s) ? s.GetString() : null;
            if (schema == JsonReportWriter.Schema)
            {
                return FromProfileJson(document.RootElement, path);
            }
        }
        catch (JsonException e)
        {
            throw new FlopScopeException($"'{path}' is not valid JSON: {e.Message.ReplaceLineEndings(" ")}");
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException)
        {
            throw new FlopScopeException($"'{path}' is not a complete flopscope profile result: {e.Message.ReplaceLineEndings(" ")}");
        }

        if (schema != BenchReport.SchemaId)
        {
            throw new FlopScopeException($"'{path}' is neither a flopscope profile nor a bench result (schema '{schema ?? "none"}').");
        }

        var bench = BenchReport.Deserialize(text);
        return new ComparisonRow
        {
            Model = bench.Model,
            Source = path,
            Input = string.Join(", ", bench.Inputs.Select(i => bench.Inputs.Count == 1 ? string.Join("x", i.Shape) : $"{i.Name}={string.Join("x", i.Shape)}")),
            MeasuredMs = bench.Latency.MedianMs,
            MeasuredOn = $"{(bench.Machine.Host is { } host ? host + ": " : string.Empty)}{bench.Machine.Cpu}, {bench.Machine.Cores} cores, ORT {bench.Machine.OrtVersion} {bench.Machine.Provider}",
        };
    }

    private static ComparisonRow FromProfileJson(JsonElement root, string path)
    {
        var summary = root.GetProperty("summary");
        var inputs = root.GetProperty("inputs").EnumerateArray()
            .Select(i => (Name: i.GetProperty("name").GetString(), Shape: string.Join("x", i.GetProperty("shape").EnumerateArray().Select(d => d.ValueKind == JsonValueKind.Number ? d.GetInt64().ToString(CultureInfo.InvariantCulture) : "?"))))
            .ToList();
        return new ComparisonRow
        {
            Model = root.GetProperty("model").GetProperty("name").GetString() ?? Path.GetFileNameWithoutExtension(path),
            Source = path,
            Input = inputs.Count == 1 ? inputs[0].Shape : string.Join(", ", inputs.Select(i => $"{i.Name}={i.Shape}")),
            Parameters = summary.GetProperty("parameters").GetInt64(),
            Macs = summary.GetProperty("macs").GetInt64(),
            Flops = summary.GetProperty("flops").GetInt64(),
            TotalFlops = summary.GetProperty("total_flops").GetInt64(),
            MemoryBytes = summary.TryGetProperty("memory", out var memory) ? memory.GetProperty("total_bytes").GetInt64() : null,
            Convention = root.GetProperty("convention").GetString(),
        };
    }
}
