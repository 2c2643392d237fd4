using FlopScope.Errors;

namespace FlopScope.Safety;

/// <summary>
/// Arithmetic on numbers that come from a model or an option. Overflow never escapes as <see cref="OverflowException"/>
/// (exit 3): it is a <see cref="FlopScopeException"/> whose one-line message says what overflowed, with
/// a <c>what</c> argument naming the model, node or flag.
/// </summary>
public static class CheckedMath
{
    /// <summary><paramref name="a"/> x <paramref name="b"/>, or an error naming <paramref name="what"/>.</summary>
    public static long Multiply(long a, long b, string what)
    {
        try
        {
            return checked(a * b);
        }
        catch (OverflowException)
        {
            throw Overflow(what);
        }
    }

    /// <summary><paramref name="a"/> + <paramref name="b"/>, or an error naming <paramref name="what"/>.</summary>
    public static long Add(long a, long b, string what)
    {
        try
        {
            return checked(a + b);
        }
        catch (OverflowException)
        {
            throw Overflow(what);
        }
    }

    /// <summary>The product of <paramref name="values"/> (1 when empty), or an error naming <paramref name="what"/>.</summary>
    public static long Product(IEnumerable<long> values, string what)
    {
        long result = 1;
        foreach (var v in values)
        {
            result = Multiply(result, v, what);
        }

        return result;
    }

    /// <summary>The sum of <paramref name="values"/>, or an error naming <paramref name="what"/>.</summary>
    public static long Sum(IEnumerable<long> values, string what)
    {
        long result = 0;
        foreach (var v in values)
        {
            result = Add(result, v, what);
        }

        return result;
    }

    /// <summary>The sum of <paramref name="selector"/> over <paramref name="items"/>, or an error naming <paramref name="what"/>.</summary>
    public static long Sum<T>(IEnumerable<T> items, Func<T, long> selector, string what) => Sum(items.Select(selector), what);

    /// <summary>A whole-number <paramref name="value"/> as <see cref="long"/>: NaN, infinity and values outside the
    /// 64-bit range are an error naming <paramref name="what"/>.</summary>
    public static long ToInt64(double value, string what) =>
        double.IsFinite(value) && value >= -9.2233720368547748E+18 && value < 9.2233720368547758E+18
            ? (long)value
            : throw new FlopScopeException($"{what}: {value} is not a number that fits 64-bit arithmetic.");

    /// <summary><paramref name="value"/> as <see cref="int"/>, or an error naming <paramref name="what"/>.</summary>
    public static int ToInt32(long value, string what) =>
        value is >= int.MinValue and <= int.MaxValue ? (int)value : throw new FlopScopeException($"{what}: {value:N0} does not fit 32-bit arithmetic.");

    /// <summary><paramref name="value"/> when finite; NaN and infinity are an error naming <paramref name="what"/>.</summary>
    public static double Finite(double value, string what) =>
        double.IsFinite(value) ? value : throw new FlopScopeException($"{what}: {value} is not a finite number.");

    /// <summary>The error for an overflow in <paramref name="what"/>.</summary>
    public static FlopScopeException Overflow(string what) =>
        new($"{what}: the figures overflow 64-bit arithmetic (absurd dimensions or counts?).");
}
