using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Operators.Elementwise;

namespace FlopScope.Operators.Nn;

/// <summary>
/// STFT (opset 17): signal [batch, signal_length, 1 or 2], frame_step (scalar input 1), optional window (input 2) and
/// frame_length (scalar input 3; defaults to the window's length, which must match it when both are given). Output
/// [batch, frames, bins, 2] with frames = floor((signal_length - frame_length) / frame_step) + 1 and
/// bins = frame_length / 2 + 1 when onesided (default 1, per the schema), frame_length otherwise. Cost per frame:
/// frame_length multiplies for the window (when given) plus the FFT estimate 5 N log2(N) of
/// <see cref="DftHandler.FftFlops"/>.
/// </summary>
public sealed class StftHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var input = context.Input(0);
        var shape = context.Shape(0);
        if (shape.Rank != 3 || shape[2] is { IsKnown: true, Value: not (1 or 2) })
        {
            throw context.Invalid($"signal {shape} must be [batch, signal_length, 1 or 2]");
        }

        var step = context.Ints(1).Single();
        long frameLength;
        if (context.HasInput(3))
        {
            frameLength = context.Ints(3).Single();
            if (context.HasInput(2) && context.Shape(2) is { Rank: 1 } w && w[0].IsKnown && w[0].Value != frameLength)
            {
                throw context.Invalid($"window of {w[0]} samples does not match frame_length {frameLength}");
            }
        }
        else if (context.HasInput(2))
        {
            var window = context.Shape(2);
            frameLength = window.Rank == 1 && window[0].IsKnown ? window[0].Value : throw new UnresolvedException($"{context.Describe()}: window length not known ({window})");
        }
        else
        {
            throw context.Invalid("neither a window nor frame_length gives the frame length");
        }

        var signalLength = shape[1].IsKnown ? shape[1].Value : throw new UnresolvedException($"{context.Describe()}: signal length not known ({shape})");
        if (step <= 0 || frameLength <= 0 || frameLength > signalLength)
        {
            throw context.Invalid($"frame_step {step} and frame_length {frameLength} do not fit a signal of {signalLength}");
        }

        var frames = ((signalLength - frameLength) / step) + 1;
        var bins = context.Int("onesided", 1) != 0 ? (frameLength / 2) + 1 : frameLength;
        var output = new TensorShape(new[] { shape[0], Dim.Of(frames), Dim.Of(bins), Dim.Of(2) });
        context.SetOutput(0, input.DataType, output);

        var perFrame = checked(DftHandler.FftFlops(frameLength) + (context.HasInput(2) ? frameLength : 0));
        context.AddFlops(FloatCost.Of(input.DataType, checked(NnShapes.Product(shape, 0, 1) * frames), perFrame));
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index is 1 or 3 ? InputRole.Control : InputRole.Data;
}
