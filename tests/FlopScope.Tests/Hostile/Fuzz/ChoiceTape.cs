namespace FlopScope.Fuzzing;

/// <summary>
/// A sequence of choices that a generator consumes to build one input. The property-based generator (CsCheck) makes the
/// tape, so its shrinking shortens and lowers the choices and so simplifies the model; an exhausted tape answers 0,
/// the simplest choice, so every tape builds something.
/// </summary>
public sealed class ChoiceTape(int[] choices)
{
    private int _next;

    /// <summary>The choices.</summary>
    public int[] Choices { get; } = choices;

    /// <summary>A choice in [0, <paramref name="count"/>).</summary>
    public int Next(int count) => count <= 1 ? 0 : (int)((uint)(_next < Choices.Length ? Choices[_next++] : 0) % (uint)count);

    /// <summary>One of <paramref name="items"/>.</summary>
    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>True with probability about 1 / <paramref name="odds"/>.</summary>
    public bool OneIn(int odds) => Next(odds) == 0;
}
