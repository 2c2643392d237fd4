namespace FlopScope.Memory;

/// <summary>
/// Bytes a gather reads from its data input: only the elements it gathers, not the whole table. Gather,
/// GatherElements and GatherND copy exactly one data element per output
/// element (Gather: indices x row bytes), so an embedding lookup of one token reads one row of the vocabulary table.
/// Repeated indices are counted each time, as the kernel copies them; the read never exceeds the table itself.
/// </summary>
public static class GatherTraffic
{
    /// <summary>True when input <paramref name="inputIndex"/> of <paramref name="opType"/> (in
    /// <paramref name="domain"/>) is a gathered data table.</summary>
    public static bool IsGatheredInput(string domain, string opType, int inputIndex) =>
        inputIndex == 0 && (domain.Length == 0 || domain == "ai.onnx") && opType is "Gather" or "GatherElements" or "GatherND";

    /// <summary>Bytes read from a data table of <paramref name="tableBytes"/> bytes and
    /// <paramref name="tableElements"/> elements by a gather producing <paramref name="outputElements"/> elements.</summary>
    public static long BytesRead(long tableBytes, long tableElements, long outputElements)
    {
        if (tableElements <= 0 || outputElements < 0 || tableBytes <= 0)
        {
            return Math.Max(0, tableBytes);
        }

        // Bytes per element from the table itself (packed 4-bit tables have half a byte per element).
        var gathered = (double)outputElements * tableBytes / tableElements;
        return (long)Math.Min(tableBytes, Math.Ceiling(gathered));
    }
}
