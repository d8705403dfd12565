namespace S3M.Transport;

/// <summary>
/// What fixes a failure, where its kind alone does not say: the client names the remedy in
/// S3M's terms, and the host words it with its own commands (the module: its parameters).
/// </summary>
public enum S3mRemedy
{
    None,

    /// <summary>The token file is open to others or not the user's: make it private, or accept it knowingly.</summary>
    ProtectTokenFile,

    /// <summary>The answer is larger than the client's MaximumResponseSize: raise it if such an answer is expected.</summary>
    RaiseResponseLimit,

    /// <summary>S3M did not confirm a removal: the thing may still be there; look it up before trying again.</summary>
    CheckItStillExists,
}
