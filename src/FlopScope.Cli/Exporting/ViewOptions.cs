namespace FlopScope.Cli.Exporting;

/// <summary>Which parts of a result an exporter shows and how: choices of the user, never figures.</summary>
public sealed record ViewOptions
{
    /// <summary>Heaviest layers to show; null: the format's default (console 15, files every layer).</summary>
    public int? Top { get; init; }

    /// <summary>Every layer in the console (profile --layers).</summary>
    public bool AllLayers { get; init; }

    /// <summary>Path of the model, recorded in machine formats.</summary>
    public string? ModelPath { get; init; }

    /// <summary>The chart svg and png draw (profile --chart).</summary>
    public string? Chart { get; init; }

    /// <summary>Measured seconds per layer name from a bench result (profile --measured, html).</summary>
    public IReadOnlyDictionary<string, double>? MeasuredSeconds { get; init; }
}
