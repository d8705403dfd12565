using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Collections.Specialized;
using System.Linq;
using S3M.Slurm;
using S3M.Transport;

namespace S3M;

/// <summary>
/// What a job will be submitted as: the accepted job fields by wire name, with plain values
/// (long, string, bool, string[] or <see cref="SlurmUnlimited"/>), and the script. Built from
/// a script's #SBATCH lines (<see cref="SbatchScript.Parse"/>) and parameters (<see cref="Set"/>);
/// written as a submit body by <see cref="ToSubmitJson(string, bool)"/>.
/// </summary>
public sealed class SlurmJobDescription
{
    /// <summary>The environment a job gets when none is given: the gateway's Slurm refuses a job without one.</summary>
    public const string DefaultEnvironment = "PATH=/bin:/usr/bin:/usr/local/bin";

    // The versions the module knows are the ones it writes bodies for: one list to extend.
    private static readonly string[] Versions = SlurmApiVersions.Known;

    private readonly Dictionary<string, object> _values = new Dictionary<string, object>(StringComparer.Ordinal);
    private readonly List<string> _warnings = new List<string>();
    private string? _nodesText;

    public SlurmJobDescription(Func<DateTimeOffset>? clock = null)
    {
        Clock = clock ?? (() => DateTimeOffset.Now);
    }

    /// <summary>The job fields S3M's gateway accepts, in the contract's order.</summary>
    public static IReadOnlyList<string> AcceptedFields { get; } =
        new ReadOnlyCollection<string>(JobFields.All.Select(f => f.Key).ToArray());

    /// <summary>The slurmrestd versions this builder writes bodies for.</summary>
    public static string[] SupportedApiVersions => (string[])Versions.Clone();

    public string Script { get; private set; } = "";

    public string? Name => Get<string>("name");
    public string? Account => Get<string>("account");
    public string? Partition => Get<string>("partition");
    public string? Comment => Get<string>("comment");

    /// <summary>The node count as the user wrote it (e.g. "2-4").</summary>
    public string? Nodes
    {
        get
        {
            if (_nodesText != null)
            {
                return _nodesText;
            }

            var minimum = Get<long?>("minimum_nodes");
            var maximum = Get<long?>("maximum_nodes");
            if (minimum == null && maximum == null)
            {
                return null;
            }

            return minimum == maximum ? minimum.ToString() : $"{minimum}-{maximum}";
        }
    }

    public int? Tasks => (int?)Get<long?>("tasks");
    public int? CpusPerTask => (int?)Get<long?>("cpus_per_task");

    /// <summary>Null when unset, <see cref="TimeSpan.MaxValue"/> when UNLIMITED.</summary>
    public TimeSpan? TimeLimit => _values.TryGetValue("time_limit", out var v)
        ? v is long minutes ? TimeSpan.FromMinutes(minutes) : TimeSpan.MaxValue
        : (TimeSpan?)null;

    /// <summary>When the job may start (begin_time, --begin); null when unset, so as soon as Slurm can.</summary>
    public DateTimeOffset? BeginTime => _values.TryGetValue("begin_time", out var v) && v is long seconds
        ? seconds < DateTimeOffset.MaxValue.ToUnixTimeSeconds() ? DateTimeOffset.FromUnixTimeSeconds(seconds) : DateTimeOffset.MaxValue
        : (DateTimeOffset?)null;

    public long? MemoryPerNodeMiB => Get<long?>("memory_per_node");
    public long? MemoryPerCpuMiB => Get<long?>("memory_per_cpu");
    public string? WorkingDirectory => Get<string>("current_working_directory");
    public string? StandardOutput => Get<string>("standard_output");
    public string? StandardError => Get<string>("standard_error");

    /// <summary>The environment the job gets: what was set, else <see cref="DefaultEnvironment"/>.</summary>
    public S3mList<string> Environment => (Get<string[]>("environment") ?? new[] { DefaultEnvironment }).ToS3mList();

    /// <summary>The fields set, by wire name, in the contract's order (the script apart).</summary>
    public IDictionary Fields
    {
        get
        {
            var view = new OrderedDictionary(StringComparer.Ordinal);
            foreach (var field in SetFields())
            {
                view[field.Name] = field.Value is string[] list ? list.ToArray() : field.Value;
            }

            return view.AsReadOnly();
        }
    }

    /// <summary>The #SBATCH directives skipped with -IgnoreUnsupportedDirective, one line each.</summary>
    public S3mList<string> Warnings => _warnings.ToS3mList();

    internal Func<DateTimeOffset> Clock { get; }

    /// <summary>
    /// Sets one accepted field by its wire name (any case); null removes it. Strings are read
    /// as Slurm reads them: times ("1:30:00", "UNLIMITED"), memory ("4G"), begin times
    /// ("now+1hour"), node counts ("2-4"). Errors name <paramref name="parameterName"/>.
    /// </summary>
    public void Set(string wireName, object? value, string parameterName)
    {
        if (wireName == null || !JobFields.TryFind(wireName, out var name, out var kind))
        {
            var close = JobFields.CloseTo(wireName ?? "");
            var hint = close.Length > 0 ? $"; did you mean {string.Join(", ", close)}?" : ".";
            throw S3mException.InvalidArgument(parameterName,
                $"names '{S3mRoutes.Printable(wireName ?? "")}', which is not a job field S3M accepts{hint} See about_S3M for the accepted fields.");
        }
        if (value == null)
        {
            Remove(name);
            return;
        }
        try { Put(name, kind, FieldValues.Convert(name, kind, value, Clock)); }
        catch (BadValue e) { throw S3mException.InvalidArgument(parameterName, $"({name}): {e.Message}"); }
    }

    /// <summary>Removes a field; "nodes" removes the node count. False when it was not set.</summary>
    public bool Remove(string wireName)
    {
        if (wireName == null || !JobFields.TryFind(wireName, out var name, out var kind))
        {
            return false;
        }

        switch (kind)
        {
            case FieldKind.Script:
                var had = Script.Length > 0;
                Script = "";
                return had;
            case FieldKind.NodeRange:
                _nodesText = null;
                return _values.Remove("minimum_nodes") | _values.Remove("maximum_nodes");
        }
        if (name == "minimum_nodes" || name == "maximum_nodes")
        {
            _nodesText = null;
        }

        return _values.Remove(name);
    }

    /// <summary>
    /// The submit body in the form <paramref name="apiVersion"/> takes, as a submission plan
    /// holds it: {"script","jobs":[...]} from v0.0.44 on, else {"job":{...}}.
    /// </summary>
    public string ToSubmitJson(string apiVersion, bool maskEnvironment = false) => ToSubmitJson(apiVersion, maskEnvironment, null);

    /// <summary>
    /// The submit body for <paramref name="apiVersion"/>: <see cref="SubmitForm.Job"/>
    /// (<c>{"job":{...}}</c>, every version) or <see cref="SubmitForm.Jobs"/>
    /// (<c>{"script":"...","jobs":[{...}]}</c>, v0.0.44 only). With
    /// <paramref name="maskEnvironment"/>, the values of <c>environment</c> read **** (names
    /// stay): the body as shown in Verbose and transcripts, where keys must not land.
    /// </summary>
    public string ToSubmitJson(string apiVersion, SubmitForm form, bool maskEnvironment = false) =>
        ToSubmitJson(apiVersion, form, maskEnvironment, null);

    /// <summary>The submit body with <paramref name="tag"/> after the comment (<see cref="SubmissionTag"/>), as a submission sends it.</summary>
    internal string ToSubmitJson(string apiVersion, bool maskEnvironment, string? tag)
    {
        var version = Version(apiVersion);
        return ToSubmitJson(version, SlurmApiVersions.TakesJobsForm(version) ? SubmitForm.Jobs : SubmitForm.Job, maskEnvironment, tag);
    }

    private string ToSubmitJson(string apiVersion, SubmitForm form, bool maskEnvironment, string? tag)
    {
        var version = Version(apiVersion);
        if (form != SubmitForm.Job && form != SubmitForm.Jobs)
        {
            throw S3mException.InvalidArgument("SubmitForm", $"'{form}' is not Job or Jobs.");
        }

        if (form == SubmitForm.Jobs && !SlurmApiVersions.TakesJobsForm(version))
        {
            throw S3mException.InvalidArgument("ApiVersion", $"{version} takes only the {{\"job\":{{...}}}} body; the {{\"script\",\"jobs\":[...]}} form needs v0.0.44.");
        }

        if (Script.Trim().Length == 0)
        {
            throw S3mException.InvalidArgument("Script", "is empty: Slurm needs a batch script to run.");
        }

        if (tag != null)
        {
            SubmissionTag.CheckRoom(Comment, tag);
        }

        return SubmitBody.Write(this, form, maskEnvironment, tag);
    }

    /// <summary>Stores a converted value; the node count and the two memory forms keep each other consistent.</summary>
    internal void Put(string name, FieldKind kind, object value)
    {
        switch (kind)
        {
            case FieldKind.Script:
                Script = (string)value;
                return;
            case FieldKind.NodeRange:
                var count = (NodeCount)value;
                _values["minimum_nodes"] = count.Minimum;
                _values["maximum_nodes"] = count.Maximum;
                _nodesText = count.Text;
                return;
        }
        if (name == "minimum_nodes" || name == "maximum_nodes")
        {
            _nodesText = null;
        }
        // Slurm takes memory per node or per CPU, not both: the later one wins, as a parameter wins over a directive.
        if (name == "memory_per_node")
        {
            _values.Remove("memory_per_cpu");
        }

        if (name == "memory_per_cpu")
        {
            _values.Remove("memory_per_node");
        }

        _values[name] = value;
    }

    internal void AddWarning(string warning) => _warnings.Add(warning);

    /// <summary>
    /// What the body holds for the job, in the contract's order: the fields set, the default
    /// environment, the comment with <paramref name="tag"/> after it when there is one, no script.
    /// </summary>
    internal IEnumerable<(string Name, FieldKind Kind, object Value)> WireFields(string? tag = null)
    {
        foreach (var field in JobFields.All)
        {
            if (tag != null && field.Key == "comment")
            {
                yield return (field.Key, field.Value, SubmissionTag.Append(Comment, tag));
            }
            else if (_values.TryGetValue(field.Key, out var value))
            {
                yield return (field.Key, field.Value, value);
            }
            else if (field.Value == FieldKind.Environment)
            {
                yield return (field.Key, field.Value, new[] { DefaultEnvironment });
            }
        }
    }

    private IEnumerable<(string Name, FieldKind Kind, object Value)> SetFields() =>
        JobFields.All.Where(f => _values.ContainsKey(f.Key)).Select(f => (f.Key, f.Value, _values[f.Key]));

    private T? Get<T>(string name) => _values.TryGetValue(name, out var value) && value is T typed ? typed : default;

    private static string Version(string apiVersion)
    {
        var text = (apiVersion ?? "").Trim();
        var normal = text.StartsWith("v", StringComparison.OrdinalIgnoreCase) ? "v" + text.Substring(1) : "v" + text;
        if (Array.IndexOf(Versions, normal) < 0)
        {
            throw S3mException.InvalidArgument("ApiVersion", $"'{S3mRoutes.Printable(text)}' is not a version S3M writes submit bodies for; use {string.Join(", ", Versions)}.");
        }

        return normal;
    }
}
