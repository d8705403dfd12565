using S3M.Transport;

namespace S3M.Slurm;

/// <summary>
/// A submission as it will be sent: the version chosen for the resource, the path, and the
/// body in the form that version takes. -WhatIf shows it and SubmitAsync sends it; its body
/// comes from SlurmJobDescription.ToSubmitJson(version), as ConvertFrom-S3mSbatchScript's does,
/// with the submission's tag after the comment (<see cref="SubmissionTag"/>) unless it goes without.
/// </summary>
public sealed class SubmitPlan
{
    internal SubmitPlan(string resource, string apiVersion, string path, string body, string shownBody, bool withStorage, string? tag)
    {
        SubmissionTag = tag;
        Resource = resource;
        ApiVersion = apiVersion;
        Path = path;
        Body = body;
        ShownBody = shownBody;
        WithStorage = withStorage;
    }

    public string Resource { get; }
    public string ApiVersion { get; }

    public string Method => "POST";

    /// <summary>The path under the base URI, such as /olcf/v1/slurm/open/v0.0.44/odo/job/submit.</summary>
    public string Path { get; }

    /// <summary>The JSON body, exactly as it is sent.</summary>
    public string Body { get; }

    /// <summary>The body to show in logs and transcripts: each environment value is ****, the names stay.</summary>
    public string ShownBody { get; }

    /// <summary>The tag this submission's job carries in its comment (<c>s3m:</c> and 16 hex digits); null when it goes without.</summary>
    public string? SubmissionTag { get; }

    /// <summary>Whether S3M's "with storage" header (x-s3m-withstorage) goes with it.</summary>
    public bool WithStorage { get; }

    public override string ToString() => $"{Method} {Path}";
}
