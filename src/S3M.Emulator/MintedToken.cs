namespace S3M.Emulator;

/// <summary>A token the emulator made: the raw token for the <c>Authorization</c> header, and its id (the JWT's <c>jti</c>).</summary>
/// <param name="Token">The raw token, sent as <c>Authorization: &lt;token&gt;</c> with no <c>Bearer</c> prefix.</param>
/// <param name="TokenId">The token's <c>jti</c>, as the request log reports it.</param>
public sealed record MintedToken(string Token, string TokenId)
{
    /// <summary>Keeps the secret out of test output and logs.</summary>
    public override string ToString() => $"MintedToken {{ TokenId = {TokenId} }}";
}
