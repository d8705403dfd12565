using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace S3M.Commands;

/// <summary>
/// On Windows PowerShell, loads System.Text.Json and its kin from the module's Dependencies
/// folder. PowerShell 7 carries newer copies itself, so there the handler is never added.
/// It answers only for assemblies that folder holds, leaving every other module's alone.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string DependencyFolder =
        Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".", "Dependencies");

    private static bool IsDesktop =>
        RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

    public void OnImport()
    {
        if (IsDesktop)
        {
            AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        }
    }

    public void OnRemove(PSModuleInfo module)
    {
        if (IsDesktop)
        {
            AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
        }
    }

    private static Assembly? Resolve(object? sender, ResolveEventArgs args)
    {
        var name = new AssemblyName(args.Name);
        var candidate = Path.Combine(DependencyFolder, name.Name + ".dll");
        if (!File.Exists(candidate))
        {
            return null;
        }

        var loaded = AppDomain.CurrentDomain.GetAssemblies()
            .FirstOrDefault(a => string.Equals(a.GetName().Name, name.Name, StringComparison.OrdinalIgnoreCase)
                                 && string.Equals(a.Location, candidate, StringComparison.OrdinalIgnoreCase));
        return loaded ?? Assembly.LoadFrom(candidate);
    }
}
