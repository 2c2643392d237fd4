namespace FlopScope.Cli.Exporting;

/// <summary>Writes a <see cref="ResultContext"/> in one format. Exporters only format: every figure is already in
/// the context. Register a new one in <see cref="Exporters.All"/>.</summary>
public interface IExporter
{
    /// <summary>The name <c>--format</c> takes.</summary>
    string Format { get; }

    /// <summary>File extensions (with the dot) that select this format from <c>--output</c>; their names without the
    /// dot are accepted as aliases of <see cref="Format"/> (md, htm).</summary>
    IReadOnlyList<string> Extensions { get; }

    /// <summary>True when this format can write results of <paramref name="kind"/>.</summary>
    bool Supports(ResultKind kind);

    /// <summary>Writes <paramref name="context"/> to <paramref name="target"/>.</summary>
    void Export(ResultContext context, ExportTarget target);
}
