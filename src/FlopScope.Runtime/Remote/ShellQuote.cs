namespace FlopScope.Runtime.Remote;

/// <summary>Quoting for the remote POSIX shell that sshd runs the command line in.</summary>
public static class ShellQuote
{
    /// <summary>One word for sh: single-quoted, with each embedded quote closed, escaped and reopened.</summary>
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/' or '=' or ',' or ':' or '@' or '+')
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>Words joined into one command line for sh.</summary>
    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));
}
