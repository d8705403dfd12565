namespace S3M;

/// <summary>
/// The value of a wrapped number field set to Slurm's UNLIMITED (<c>"infinite": true</c> on the
/// wire), e.g. <c>#SBATCH -t UNLIMITED</c>. One instance; compare with <see cref="Value"/>.
/// </summary>
public sealed class SlurmUnlimited
{
    public static readonly SlurmUnlimited Value = new SlurmUnlimited();

    private SlurmUnlimited() { }

    public override string ToString() => "UNLIMITED";
}
