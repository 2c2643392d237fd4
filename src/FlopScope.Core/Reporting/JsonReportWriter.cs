using System.Text;
using System.Text.Json;
using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Profiling;

namespace FlopScope.Reporting;

/// <summary>
/// The JSON contract (schema <c>flopscope.profile/1</c>, documented in docs/json-contract.md). Field names are stable;
/// new fields may be added, none removed or renamed within a schema version. All counts are exact integers.
/// </summary>
public sealed class JsonReportWriter : IReportWriter
{
    /// <summary>Schema identifier written into every document.</summary>
    public const string Schema = "flopscope.profile/1";

    /// <inheritdoc />
    public string Format => "json";

    /// <inheritdoc />
    public void Write(ProfileReport report, ReportView view, TextWriter output)
    {
        JsonText.Write(output, json => Write(report, view, json));
        output.WriteLine();
    }

    /// <summary>Writes the report as one JSON object.</summary>
    public static void Write(ProfileReport report, ReportView view, Utf8JsonWriter json)
    {
        var s = report.Summary;
        json.WriteStartObject();
        json.WriteString("schema", Schema);
        json.WriteStartObject("model");
        json.WriteString("name", s.Model);
        if (view.ModelPath is not null)
        {
            json.WriteString("path", view.ModelPath);
        }

        json.WriteNumber("opset", report.Opset);
        json.WriteString("producer", report.Producer);
        json.WriteEndObject();

        json.WriteString("convention", ConventionText.Name(s.Convention));
        json.WriteStartObject("units");
        json.WriteString("macs", "multiply-accumulates of conv and matrix products under the convention");
        json.WriteString("flops", "2 x macs");
        json.WriteString("total_flops", "all arithmetic: 2 x MACs of every conv and matrix product + other ops per docs/cost-model.md");
        json.WriteString("parameters", "elements");
        json.WriteString("parameter_bytes", "bytes");
        json.WriteEndObject();

        json.WriteStartArray("inputs");
        foreach (var input in report.Inputs)
        {
            json.WriteStartObject();
            json.WriteString("name", input.Name);
            json.WriteString("dtype", input.DataType.ShortName());
            WriteShape(json, "shape", input.Shape);
            json.WriteString("declared", input.DeclaredShape);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (report.Scaling is { } scaling)
        {
            // Present only when the figures were scaled from a static export's stored shape (--rescale).
            json.WriteStartObject("scaling");
            json.WriteString("stored_shape", scaling.StoredShape);
            json.WriteNumber("factor", scaling.Factor);
            json.WriteNumber("exact_nodes", scaling.ExactNodes);
            json.WriteNumber("approximate_nodes", scaling.ApproximateNodes.Count);
            json.WriteNumber("approximate_macs", scaling.ApproximateMacs);
            json.WriteNumber("approximate_total_flops", scaling.ApproximateTotalFlops);
            json.WriteString("note", scaling.Describe(s));
            json.WriteEndObject();
        }

        json.WriteStartObject("summary");
        json.WriteNumber("nodes", s.Nodes);
        json.WriteNumber("parameters", s.Parameters.Total);
        json.WriteNumber("trainable_parameters", s.Parameters.Trainable);
        json.WriteNumber("unique_parameters", s.Parameters.Unique);
        json.WriteBoolean("duplicates_checked", s.Parameters.DuplicatesChecked);
        json.WriteStartArray("tied_parameters");
        foreach (var tied in s.Parameters.Tied)
        {
            json.WriteStartObject();
            json.WriteStartArray("names");
            foreach (var name in tied.Names)
            {
                json.WriteStringValue(name);
            }

            json.WriteEndArray();
            json.WriteNumber("elements", tied.Elements);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("parameter_bytes");
        foreach (var (type, bytes) in s.Parameters.BytesByType.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json.WriteNumber(type, bytes);
        }

        json.WriteEndObject();
        json.WriteNumber("macs", s.Macs);
        json.WriteNumber("flops", s.Flops);
        json.WriteNumber("total_flops", s.TotalFlops);
        json.WriteNumber("gflops", Math.Round(s.GFlops, 6));
        json.WriteString("headline_unit", ConventionText.HeadlineUnit(s.Convention));
        json.WriteNumber("headline", Math.Round(ConventionText.HeadlineCount(s) / 1e9, 6));
        json.WriteBoolean("complete", s.IsComplete);
        json.WriteStartObject("memory");
        json.WriteString("precision", report.Memory.Precision);
        json.WriteNumber("weight_bytes", report.Memory.WeightBytes);
        json.WriteNumber("peak_activation_bytes", report.Memory.PeakActivationBytes);
        json.WriteNumber("total_bytes", report.Memory.TotalBytes);
        json.WriteNumber("bytes_read", report.Memory.BytesRead);
        json.WriteNumber("bytes_written", report.Memory.BytesWritten);
        json.WriteEndObject();
        WriteIssues(json, "unsupported", s.Unsupported);
        WriteIssues(json, "unresolved", s.Unresolved);
        json.WriteEndObject();

        json.WriteStartArray("by_op");
        foreach (var op in report.ByOp)
        {
            json.WriteStartObject();
            json.WriteString("op", op.Op);
            json.WriteNumber("count", op.Count);
            WriteTotals(json, op.Parameters, op.Macs, op.TotalFlops);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteNumber("module_depth", report.ModuleDepth);
        json.WriteStartArray("by_module");
        foreach (var module in report.ByModule)
        {
            json.WriteStartObject();
            json.WriteString("module", module.Module);
            json.WriteNumber("nodes", module.Nodes);
            WriteTotals(json, module.Parameters, module.Macs, module.TotalFlops);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("layers");
        foreach (var layer in view.Top is { } top ? report.Top(top) : report.Layers)
        {
            json.WriteStartObject();
            json.WriteNumber("index", layer.Index);
            json.WriteString("name", layer.Name);
            json.WriteString("op", layer.Op);
            json.WriteString("module", layer.Module);
            json.WriteStartArray("outputs");
            foreach (var shape in layer.Outputs)
            {
                json.WriteStringValue(shape);
            }

            json.WriteEndArray();
            json.WriteNumber("params", layer.Parameters);
            json.WriteNumber("macs", layer.Macs);
            json.WriteNumber("flops", layer.Flops);
            json.WriteNumber("total_flops", layer.TotalFlops);
            json.WriteNumber("bytes_read", layer.Traffic.BytesRead);
            json.WriteNumber("bytes_written", layer.Traffic.BytesWritten);
            json.WriteNumber("intensity", Math.Round(layer.Intensity, 4));
            json.WriteString("status", layer.Status switch
            {
                NodeStatus.Unsupported => "unsupported",
                NodeStatus.Unresolved => "unresolved",
                _ => "ok",
            });
            if (layer.Reason is not null)
            {
                json.WriteString("reason", layer.Reason);
            }

            if (layer.Notes.Count > 0)
            {
                json.WriteStartArray("notes");
                foreach (var note in layer.Notes)
                {
                    json.WriteStringValue(note);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            if (json.BytesPending > 1 << 16)
            {
                // Hand what is written so far on (streaming writers): a million layers stay out of memory.
                json.Flush();
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteShape(Utf8JsonWriter json, string name, TensorShape shape)
    {
        json.WriteStartArray(name);
        foreach (var d in shape.Dims)
        {
            if (d.IsKnown)
            {
                json.WriteNumberValue(d.Value);
            }
            else
            {
                json.WriteNullValue();
            }
        }

        json.WriteEndArray();
    }

    /// <summary>The counters every row of a group table carries: params, macs, flops (2 x macs), total_flops.</summary>
    private static void WriteTotals(Utf8JsonWriter json, long parameters, long macs, long totalFlops)
    {
        json.WriteNumber("params", parameters);
        json.WriteNumber("macs", macs);
        json.WriteNumber("flops", 2 * macs);
        json.WriteNumber("total_flops", totalFlops);
    }

    private static void WriteIssues(Utf8JsonWriter json, string name, IReadOnlyList<OpIssue> issues)
    {
        json.WriteStartArray(name);
        foreach (var issue in issues)
        {
            json.WriteStartObject();
            json.WriteString("op", issue.Op);
            json.WriteNumber("nodes", issue.Nodes);
            json.WriteString("reason", issue.Reason);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
