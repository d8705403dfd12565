namespace S3M.Slurm;

/// <summary>The two shapes of a submit body.</summary>
public enum SubmitForm
{
    /// <summary><c>{"job":{...,"script":"..."}}</c>: every version.</summary>
    Job,

    /// <summary><c>{"script":"...","jobs":[{...}]}</c>: v0.0.44 only.</summary>
    Jobs,
}
