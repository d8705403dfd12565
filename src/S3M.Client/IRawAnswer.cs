using System.Text.Json;
using S3M.Transport;

namespace S3M;

/// <summary>
/// An object read from an S3M answer that keeps that part of the answer as it came, for the
/// fields it does not map. Models implement it explicitly, so C# reaches the JsonElement through
/// this interface while reflection does not see it: PowerShell's ConvertTo-Json reflects over
/// public properties and would write a JsonElement as <c>{"ValueKind": 1}</c>. The module gives
/// PowerShell a <c>Raw</c> of PowerShell values instead (S3M.Types.ps1xml).
/// </summary>
public interface IRawAnswer
{
    /// <summary>The answer as S3M gave it (a streaming cluster's with its passwords masked); undefined when there was none.</summary>
    JsonElement Raw { get; }
}

/// <summary>What callers that do not read JSON do with a <see cref="IRawAnswer"/>.</summary>
public static class RawAnswer
{
    /// <summary>
    /// The answer as plain values: objects as ordered dictionaries, arrays as object[], numbers
    /// as long or double, strings as they came (64-bit numbers stay the strings S3M sent);
    /// null when there is no answer.
    /// </summary>
    public static object? ToPlainValues(this IRawAnswer answer) => GatewayJson.ToPlain(answer.Raw);

    /// <summary>The answer as the JSON text S3M sent (a cluster's with its passwords masked); empty when there is none.</summary>
    public static string ToJsonText(this IRawAnswer answer) =>
        answer.Raw.ValueKind == JsonValueKind.Undefined ? "" : answer.Raw.GetRawText();
}
