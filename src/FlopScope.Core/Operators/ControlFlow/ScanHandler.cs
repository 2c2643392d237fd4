using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.ControlFlow;

/// <summary>
/// Scan. Opset 9+: inputs are N initial states then M scan inputs (<c>num_scan_inputs</c>), each sliced along its
/// <c>scan_input_axes</c> entry (default 0, negative allowed); the body sees states and slices, and its K scan outputs
/// are stacked along <c>scan_output_axes</c>. Opset 8: input 0 is the optional sequence_lens, states are
/// [batch, ...] and scan inputs [batch, seq, ...]; the body runs per batch entry and time step.
/// Cost = body cost x sequence length (x batch for opset 8). When the sequence length is unknown the body is counted
/// once (noted) and the stacked dimension is unknown.
/// </summary>
public sealed class ScanHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var body = context.Attribute("body").Graph ?? throw context.Invalid("body is not a graph");
        var scanInputs = (int)context.Int("num_scan_inputs");
        var batched = context.Opset < 9;
        var first = batched ? 1 : 0;
        var states = context.InputCount - first - scanInputs;
        if (scanInputs <= 0 || states < 0 || body.Inputs.Count != states + scanInputs || body.Outputs.Count < states)
        {
            throw context.Invalid($"body with {body.Inputs.Count} inputs and {body.Outputs.Count} outputs does not fit {scanInputs} scan inputs and {Math.Max(states, 0)} states");
        }

        var scanOutputs = body.Outputs.Count - states;
        var inputAxes = context.IntList("scan_input_axes") is { Length: > 0 } ia ? ia : new long[scanInputs];
        var outputAxes = context.IntList("scan_output_axes") is { Length: > 0 } oa ? oa : new long[scanOutputs];
        if (inputAxes.Length != scanInputs || outputAxes.Length != scanOutputs)
        {
            throw context.Invalid("scan_input_axes or scan_output_axes has the wrong length");
        }

        Dim sequence = Dim.Unknown("Scan sequence length");
        Dim batch = batched ? Dim.Unknown("Scan batch") : 1;
        var bodyInputs = new List<TensorInfo?>();
        var initial = new TensorInfo?[states];
        for (var i = 0; i < states; i++)
        {
            initial[i] = context.OptionalInput(first + i);
            bodyInputs.Add(batched ? DropAxis(context, initial[i], 0, ref batch, "batch") : SubgraphValues.WithoutValue(initial[i]));
        }

        for (var j = 0; j < scanInputs; j++)
        {
            var input = context.OptionalInput(first + states + j);
            if (batched)
            {
                var noBatch = DropAxis(context, input, 0, ref batch, "batch");
                bodyInputs.Add(DropAxis(context, noBatch, 0, ref sequence, "sequence length"));
            }
            else
            {
                var rank = input?.Shape?.Rank ?? 0;
                var axis = input?.Shape is null ? 0 : ShapeMath.Axis(context, inputAxes[j], rank);
                bodyInputs.Add(DropAxis(context, input, axis, ref sequence, "sequence length"));
            }
        }

        var result = context.AnalyzeSubgraph(body, bodyInputs);
        for (var i = 0; i < states; i++)
        {
            var final = SubgraphValues.Carried(context, batched ? null : initial[i], result.Outputs[i], body.Outputs[i].Name);
            if (batched)
            {
                final = SubgraphValues.Stacked(final, batch, 0);
            }

            if (final is not null)
            {
                context.SetOutput(i, final);
            }
        }

        for (var k = 0; k < scanOutputs; k++)
        {
            var slice = result.Outputs[states + k];
            TensorInfo? stacked;
            if (batched)
            {
                stacked = SubgraphValues.Stacked(SubgraphValues.Stacked(slice, sequence, 0), batch, 0);
            }
            else
            {
                var rank = (slice?.Shape?.Rank ?? 0) + 1;
                stacked = SubgraphValues.Stacked(slice, sequence, slice?.Shape is null ? 0 : ShapeMath.Axis(context, outputAxes[k], rank));
            }

            if (stacked is not null)
            {
                context.SetOutput(states + k, stacked);
            }
        }

        if (sequence.IsKnown && batch.IsKnown)
        {
            context.AddCost(result.Cost * checked(sequence.Value * batch.Value));
        }
        else
        {
            context.AddCost(result.Cost);
            context.Note("sequence length unknown: body counted once");
        }
    }

    /// <summary>The info with <paramref name="axis"/> removed; records (and checks) that axis's size in <paramref name="size"/>.</summary>
    private static TensorInfo? DropAxis(NodeContext context, TensorInfo? info, int axis, ref Dim size, string what)
    {
        if (info?.Shape is not { } shape)
        {
            return info is null ? null : new TensorInfo(info.DataType, null);
        }

        if (axis >= shape.Rank)
        {
            throw context.Invalid($"a scan input of shape {shape} has no axis {axis}");
        }

        var d = shape[axis];
        if (size.IsKnown && d.IsKnown && size.Value != d.Value)
        {
            throw context.Invalid($"scan inputs disagree on the {what}: {size.Value} and {d.Value}");
        }

        if (!size.IsKnown && (d.IsKnown || d.IsSymbolic))
        {
            size = d;
        }

        var dims = shape.Dims.ToList();
        dims.RemoveAt(axis);
        return new TensorInfo(info.DataType, new TensorShape(dims));
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) =>
        context.Opset < 9 && index == 0 ? InputRole.Control : InputRole.Data;
}
