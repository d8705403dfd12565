namespace S3M.Emulator.Slurm;

/// <summary>A job field's protobuf type, which decides what JSON the gateway takes for it.</summary>
internal enum ProtobufType
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

/// <summary>
/// The gateway's job message: the fields S3M accepts on submit and their types (docs: s3m-api.md,
/// Compute); anything else is refused with 400.
/// </summary>
internal static class SubmitSchema
{
    public static IReadOnlyDictionary<string, ProtobufType> Accepted { get; } = new Dictionary<string, ProtobufType>
    {
        ["account"] = ProtobufType.Text,
        ["begin_time"] = ProtobufType.Wrapped64,
        ["comment"] = ProtobufType.Text,
        ["environment"] = ProtobufType.TextList,
        ["licenses"] = ProtobufType.Text,
        ["name"] = ProtobufType.Text,
        ["tasks"] = ProtobufType.Int32,
        ["partition"] = ProtobufType.Text,
        ["distribution_plane_size"] = ProtobufType.Wrapped32,
        ["priority"] = ProtobufType.Wrapped32,
        ["qos"] = ProtobufType.Text,
        ["reservation"] = ProtobufType.Text,
        ["script"] = ProtobufType.Text,
        ["time_limit"] = ProtobufType.Wrapped32,
        ["time_minimum"] = ProtobufType.Wrapped32,
        ["wait_all_nodes"] = ProtobufType.Flag,
        ["current_working_directory"] = ProtobufType.Text,
        ["cpus_per_task"] = ProtobufType.Int32,
        ["minimum_cpus"] = ProtobufType.Int32,
        ["maximum_cpus"] = ProtobufType.Int32,
        ["nodes"] = ProtobufType.Text,
        ["minimum_nodes"] = ProtobufType.Int32,
        ["maximum_nodes"] = ProtobufType.Int32,
        ["minimum_boards_per_node"] = ProtobufType.Int32,
        ["minimum_sockets_per_board"] = ProtobufType.Int32,
        ["sockets_per_node"] = ProtobufType.Int32,
        ["threads_per_core"] = ProtobufType.Int32,
        ["tasks_per_node"] = ProtobufType.Int32,
        ["tasks_per_socket"] = ProtobufType.Int32,
        ["tasks_per_core"] = ProtobufType.Int32,
        ["tasks_per_board"] = ProtobufType.Int32,
        ["ntasks_per_tres"] = ProtobufType.Int32,
        ["minimum_cpus_per_node"] = ProtobufType.Int32,
        ["memory_per_cpu"] = ProtobufType.Wrapped64,
        ["memory_per_node"] = ProtobufType.Wrapped64,
        ["standard_input"] = ProtobufType.Text,
        ["standard_output"] = ProtobufType.Text,
        ["standard_error"] = ProtobufType.Text,
    };
}
