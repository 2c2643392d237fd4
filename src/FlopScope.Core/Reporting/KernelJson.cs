using System.Text.Json;
using FlopScope.Hardware;
using FlopScope.Kernels;

namespace FlopScope.Reporting;

/// <summary>The runtime, training step and kernel list of one device estimate in JSON (docs/json-contract.md,
/// <c>flopscope.estimate/1</c>).</summary>
public static class KernelJson
{
    /// <summary>Writes <c>runtime</c>, <c>training_step</c> (when present) and <c>kernels</c> into the open object.</summary>
    public static void Write(Utf8JsonWriter json, DeviceEstimate estimate)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(estimate);
        json.WriteString("runtime", estimate.Runtime);
        if (estimate.TrainingStep is { } step)
        {
            json.WriteStartObject("training_step");
            json.WriteNumber("step_ms", Math.Round(step.Milliseconds, 6));
            json.WriteNumber("forward_ms", Math.Round(step.ForwardSeconds * 1e3, 6));
            json.WriteNumber("backward_ms", Math.Round(step.BackwardSeconds * 1e3, 6));
            json.WriteNumber("optimizer_ms", Math.Round(step.OptimizerSeconds * 1e3, 6));
            json.WriteEndObject();
        }

        json.WriteStartArray("kernels");
        foreach (var k in estimate.Kernels)
        {
            json.WriteStartObject();
            json.WriteNumber("id", k.Kernel.Id);
            json.WriteString("op", k.Kernel.Op);
            json.WriteString("class", k.Kernel.Class.Id());
            json.WriteString("rule", k.Kernel.Rule);
            if (k.Kernel.Precision is { } precision)
            {
                // Only where the kernel computes at another precision than the model (an FP16 kernel of an INT8 engine).
                json.WriteString("precision", precision.ToString().ToLowerInvariant());
            }
            json.WriteStartArray("nodes");
            foreach (var n in k.Kernel.Nodes)
            {
                json.WriteNumberValue(n);
            }

            json.WriteEndArray();
            json.WriteStartArray("node_names");
            foreach (var n in k.Kernel.NodeNames)
            {
                json.WriteStringValue(n);
            }

            json.WriteEndArray();
            json.WriteNumber("flops", k.Kernel.Flops);
            json.WriteNumber("bytes_read", k.Kernel.BytesRead);
            json.WriteNumber("bytes_written", k.Kernel.BytesWritten);
            json.WriteNumber("parallel_work", k.Kernel.ParallelWork);
            json.WriteNumber("compute_utilisation", Math.Round(k.ComputeUtilisation, 6));
            json.WriteNumber("memory_utilisation", Math.Round(k.MemoryUtilisation, 6));
            json.WriteString("bound", k.Bound.ToString().ToLowerInvariant());
            json.WriteNumber("time_us", Math.Round(k.Seconds * 1e6, 4));
            if (k.PassSeconds > 0)
            {
                // Only where a fused activation runs as a second pass over the output (part of time_us).
                json.WriteNumber("activation_pass_us", Math.Round(k.PassSeconds * 1e6, 4));
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
