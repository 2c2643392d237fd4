using System.Globalization;
using System.Text.Json;
using FlopScope.Cli.Rendering;
using FlopScope.Hardware;
using FlopScope.Reporting;

namespace FlopScope.Cli.Exporting;

/// <summary>JSON for machines: exact integers, one schema id per document (docs/json-contract.md).</summary>
public sealed class JsonExporter : IExporter
{
    /// <inheritdoc />
    public string Format => "json";

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions => [".json"];

    /// <inheritdoc />
    public bool Supports(ResultKind kind) => true;

    /// <inheritdoc />
    public void Export(ResultContext context, ExportTarget target) => target.Text(output =>
    {
        switch (context.Kind)
        {
            case ResultKind.Profile:
                new JsonReportWriter().Write(context.Report!, context.ToReportView(), output);
                break;
            case ResultKind.Sweep:
                SweepRenderer.Json(output, context.Sweep!, context.SweepMeasuredMs);
                break;
            case ResultKind.Bench:
                output.WriteLine(context.Measurements!.Serialize());
                break;
            case ResultKind.Estimate:
                Estimate(output, context);
                break;
            case ResultKind.Llm:
                output.WriteLine(FlopScope.Llm.LlmJsonWriter.Write(context.Llm!));
                break;
            case ResultKind.Devices:
                output.WriteLine("{\"schema\": \"flopscope.devices/1\", \"devices\": [");
                output.WriteLine(string.Join(",\n", context.Devices.Select(DeviceCatalog.Serialize)));
                output.WriteLine("]}");
                break;
            default:
                Tables(output, context);
                break;
        }
    });

    /// <summary>{"schema": ..., "&lt;table key&gt;": [{column key: value}]}: numbers where the column is numeric, null where
    /// a figure is not available.</summary>
    private static void Tables(TextWriter output, ResultContext context)
    {
        output.WriteLine(JsonText.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("schema", context.Schema ?? "flopscope.tables/1");
            foreach (var table in context.Tables)
            {
                json.WriteStartArray(table.Key);
                foreach (var row in table.Rows)
                {
                    json.WriteStartObject();
                    for (var i = 0; i < table.Columns.Count; i++)
                    {
                        var (column, raw) = (table.Columns[i], row[i].Raw);
                        if (raw.Length == 0)
                        {
                            json.WriteNull(column.Key);
                        }
                        else if (column.Numeric && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                        {
                            json.WriteNumber(column.Key, number);
                        }
                        else
                        {
                            json.WriteString(column.Key, raw);
                        }
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }));
    }

    private static void Estimate(TextWriter output, ResultContext context)
    {
        var report = context.Report!;
        var estimates = context.Estimates;
        var training = context.Training;
        output.WriteLine(JsonText.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("schema", "flopscope.estimate/1");
            json.WriteString("model", report.Summary.Model);
            json.WriteString("input", report.InputShapeText);
            json.WriteString("convention", ConventionText.Name(report.Summary.Convention));
            json.WriteString("headline_unit", ConventionText.HeadlineUnit(report.Summary.Convention));
            json.WriteNumber("headline", Math.Round(ConventionText.HeadlineCount(report.Summary) / 1e9, 6));
            json.WriteString("precision", estimates.Count > 0 ? estimates[0].Precision.ToString().ToLowerInvariant() : report.Memory.Precision);
            json.WriteString("note", "estimates from a roofline model with efficiency factors and per-kernel overhead (docs/estimator.md), not measurements");
            if (training is not null)
            {
                json.WriteStartObject("training");
                json.WriteString("optimizer", training.Optimizer.ToString().ToLowerInvariant());
                json.WriteNumber("forward_flops", training.ForwardFlops);
                json.WriteNumber("backward_flops", training.BackwardFlops);
                json.WriteNumber("weight_bytes", training.WeightBytes);
                json.WriteNumber("master_weight_bytes", training.MasterWeightBytes);
                json.WriteNumber("gradient_bytes", training.GradientBytes);
                json.WriteNumber("optimizer_state_bytes", training.OptimizerStateBytes);
                json.WriteNumber("activation_bytes", training.ActivationBytes);
                json.WriteNumber("total_bytes", training.TotalBytes);
                json.WriteEndObject();
            }

            json.WriteStartArray("devices");
            foreach (var e in estimates)
            {
                json.WriteStartObject();
                json.WriteString("id", e.Device.Id);
                json.WriteNumber("latency_ms", Math.Round(e.LatencyMs, 6));
                json.WriteNumber("items_per_second", Math.Round(e.ItemsPerSecond, 3));
                if (e.EnergyJoules is { } j)
                {
                    json.WriteNumber("energy_mj", Math.Round(j * 1e3, 6));
                }

                json.WriteNumber("required_bytes", e.RequiredBytes);
                if (e.FitsInMemory is { } fits)
                {
                    json.WriteBoolean("fits_in_memory", fits);
                }

                json.WriteString("bound", e.DominantBound.ToString().ToLowerInvariant());
                if (context.Target.Meets(e) is { } meets)
                {
                    json.WriteBoolean("meets_target", meets);
                    json.WriteNumber("speedup_needed", Math.Round(Math.Max(1, context.Target.Shortfall(e)), 4));
                }

                json.WriteNumber("missing_nodes", e.MissingNodes);
                json.WriteStartArray("layers");
                foreach (var l in e.Layers)
                {
                    var layer = report.Layers[l.Index];
                    json.WriteStartObject();
                    json.WriteNumber("index", l.Index);
                    json.WriteString("name", layer.Name);
                    json.WriteNumber("total_flops", layer.TotalFlops);
                    json.WriteNumber("bytes_read", layer.Traffic.BytesRead);
                    json.WriteNumber("bytes_written", layer.Traffic.BytesWritten);
                    json.WriteString("bound", l.Bound.ToString().ToLowerInvariant());
                    json.WriteNumber("time_us", Math.Round(l.Seconds * 1e6, 4));
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }));
    }
}
