using System;

namespace S3M.Transport;

/// <summary>
/// The bound on every pattern the client runs over text it did not write (server answers,
/// scripts): a body built to make a pattern backtrack stops there instead of taking the CPU.
/// Callers catch <see cref="System.Text.RegularExpressions.RegexMatchTimeoutException"/> and
/// fall back to a plain reading.
/// </summary>
internal static class RegexLimit
{
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);
}
