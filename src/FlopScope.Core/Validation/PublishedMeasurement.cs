namespace FlopScope.Validation;

/// <summary>One published latency measurement the estimator is checked against: a model at an input size and batch,
/// run on a catalogue device with a runtime at a precision, and where the figure was published.</summary>
/// <param name="Id">Unique row id (model-device-runtime-precision).</param>
/// <param name="Model">Model name; its graph is <c>Model.onnx.gz</c> beside the table.</param>
/// <param name="ImageSize">Square input size in pixels.</param>
/// <param name="Batch">Batch size of the measurement.</param>
/// <param name="Device">Device id of the default catalogue.</param>
/// <param name="Runtime">Runtime id the measurement used (ort-cpu, ort-cuda, tensorrt, torch-eager, ...).</param>
/// <param name="Precision">Precision the measurement ran at (fp32, fp16, int8).</param>
/// <param name="MeasuredMs">Published latency, milliseconds per batch.</param>
/// <param name="Source">Key of the source (title, URL, setup) in the table's <c>sources</c>.</param>
/// <param name="Quote">The row of the published table the figure comes from.</param>
/// <param name="Note">Caveat on the row, if any (an assumption it rests on).</param>
public sealed record PublishedMeasurement(
    string Id,
    string Model,
    int ImageSize,
    int Batch,
    string Device,
    string Runtime,
    string Precision,
    double MeasuredMs,
    string Source,
    string Quote,
    string? Note);
