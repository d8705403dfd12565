namespace S3M.Emulator.Slurm;

/// <summary>How the gateway reads a job field: its protobuf type decides what JSON it takes.</summary>
internal enum FieldKind
{
    Text,
    Int32,
    Flag,
    TextList,
    /// <summary>A 16- or 32-bit number wrapper: <c>{"set":true,"number":60}</c>.</summary>
    Wrapped32,
    /// <summary>A 64-bit number wrapper.</summary>
    Wrapped64,
}

/// <summary>The job fields S3M accepts on submit (docs: s3m-api.md, Compute); anything else is refused with 400.</summary>
internal static class JobFields
{
    public static IReadOnlyDictionary<string, FieldKind> Accepted { get; } = new Dictionary<string, FieldKind>
    {
        ["account"] = FieldKind.Text,
        ["begin_time"] = FieldKind.Wrapped64,
        ["comment"] = FieldKind.Text,
        ["environment"] = FieldKind.TextList,
        ["licenses"] = FieldKind.Text,
        ["name"] = FieldKind.Text,
        ["tasks"] = FieldKind.Int32,
        ["partition"] = FieldKind.Text,
        ["distribution_plane_size"] = FieldKind.Wrapped32,
        ["priority"] = FieldKind.Wrapped32,
        ["qos"] = FieldKind.Text,
        ["reservation"] = FieldKind.Text,
        ["script"] = FieldKind.Text,
        ["time_limit"] = FieldKind.Wrapped32,
        ["time_minimum"] = FieldKind.Wrapped32,
        ["wait_all_nodes"] = FieldKind.Flag,
        ["current_working_directory"] = FieldKind.Text,
        ["cpus_per_task"] = FieldKind.Int32,
        ["minimum_cpus"] = FieldKind.Int32,
        ["maximum_cpus"] = FieldKind.Int32,
        ["nodes"] = FieldKind.Text,
        ["minimum_nodes"] = FieldKind.Int32,
        ["maximum_nodes"] = FieldKind.Int32,
        ["minimum_boards_per_node"] = FieldKind.Int32,
        ["minimum_sockets_per_board"] = FieldKind.Int32,
        ["sockets_per_node"] = FieldKind.Int32,
        ["threads_per_core"] = FieldKind.Int32,
        ["tasks_per_node"] = FieldKind.Int32,
        ["tasks_per_socket"] = FieldKind.Int32,
        ["tasks_per_core"] = FieldKind.Int32,
        ["tasks_per_board"] = FieldKind.Int32,
        ["ntasks_per_tres"] = FieldKind.Int32,
        ["minimum_cpus_per_node"] = FieldKind.Int32,
        ["memory_per_cpu"] = FieldKind.Wrapped64,
        ["memory_per_node"] = FieldKind.Wrapped64,
        ["standard_input"] = FieldKind.Text,
        ["standard_output"] = FieldKind.Text,
        ["standard_error"] = FieldKind.Text,
    };
}
