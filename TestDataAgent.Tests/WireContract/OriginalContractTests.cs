extern alias ApiAssembly;

using Google.Protobuf;
using Google.Protobuf.Reflection;
using Wire = ApiAssembly::TestDataAgent.Contracts.V1;

namespace TestDataAgent.Tests.WireContract;

/// <summary>
/// The server's proto against the original service's, frozen in <c>original_testdata_v1.proto</c>: descriptor by
/// descriptor, every original message, field, enum value and method is still there with its number, name, type and
/// label, so a client built from the original keeps working. Ours may only add. The test client elsewhere is compiled
/// from our own proto, so it cannot see a renumbering; this comparison can.
/// </summary>
public sealed class OriginalContractTests
{
    private static readonly FileDescriptor s_frozen = Original.OriginalTestdataV1Reflection.Descriptor;
    private static readonly FileDescriptor s_ours = Wire.TestDataReflection.Descriptor;

    [Fact]
    public void TheServerSpeaksTheOriginalsPackageAndSyntax()
    {
        Assert.Equal("testdata.v1", s_frozen.Package);
        Assert.Equal(s_frozen.Package, s_ours.Package);
        Assert.Equal(s_frozen.ToProto().Syntax, s_ours.ToProto().Syntax);
    }

    [Fact]
    public void EveryOriginalMessageKeepsEachFieldsNumberNameTypeAndLabel()
    {
        var breaks = new List<string>();
        foreach (var original in s_frozen.MessageTypes)
        {
            var ours = s_ours.MessageTypes.SingleOrDefault(m => m.FullName == original.FullName);
            if (ours is null)
            {
                breaks.Add($"message {original.FullName} is gone");
                continue;
            }

            CompareMessage(original, ours, breaks);
        }

        Assert.True(breaks.Count == 0, "Breaks the original's clients:\n" + string.Join('\n', breaks));
    }

    [Fact]
    public void EveryOriginalEnumValueKeepsItsNumber()
    {
        var breaks = new List<string>();
        foreach (var original in s_frozen.EnumTypes)
        {
            var ours = s_ours.EnumTypes.SingleOrDefault(e => e.FullName == original.FullName);
            if (ours is null)
            {
                breaks.Add($"enum {original.FullName} is gone");
                continue;
            }

            CompareEnum(original, ours, breaks);
        }

        Assert.True(breaks.Count == 0, "Breaks the original's clients:\n" + string.Join('\n', breaks));
    }

    [Fact]
    public void EveryOriginalMethodKeepsItsPathTypesAndStreaming()
    {
        var breaks = new List<string>();
        foreach (var original in s_frozen.Services)
        {
            var ours = s_ours.Services.SingleOrDefault(s => s.FullName == original.FullName);
            if (ours is null)
            {
                breaks.Add($"service {original.FullName} is gone");
                continue;
            }

            foreach (var method in original.Methods)
            {
                var same = ours.Methods.SingleOrDefault(m => m.Name == method.Name);
                if (same is null)
                {
                    breaks.Add($"rpc {original.FullName}/{method.Name} is gone");
                    continue;
                }

                Expect(breaks, $"rpc {method.Name} request", method.InputType.FullName, same.InputType.FullName);
                Expect(breaks, $"rpc {method.Name} response", method.OutputType.FullName, same.OutputType.FullName);
                Expect(breaks, $"rpc {method.Name} client streaming", method.IsClientStreaming, same.IsClientStreaming);
                Expect(breaks, $"rpc {method.Name} server streaming", method.IsServerStreaming, same.IsServerStreaming);
            }
        }

        Assert.True(breaks.Count == 0, "Breaks the original's clients:\n" + string.Join('\n', breaks));
    }

    [Fact]
    public void TheComparisonSeesARenumberedField()
    {
        // The judge judged: a copy of the frozen GenerateRequest with `count` moved from 10 to 20 must be reported.
        var original = s_frozen.MessageTypes.Single(m => m.Name == "GenerateRequest");
        var renumbered = original.ToProto();
        renumbered.Field.Single(f => f.Name == "count").Number = 20;
        // Only the scalar fields, so the copy builds without the messages and enums it refers to.
        var scalars = renumbered.Field.Where(f => f.TypeName.Length == 0).ToList();
        renumbered.Field.Clear();
        renumbered.Field.Add(scalars);
        var file = new FileDescriptorProto { Name = "renumbered.proto", Package = "mutant", Syntax = "proto3", MessageType = { renumbered } };
        var mutant = FileDescriptor.BuildFromByteStrings([file.ToByteString()]).Single().MessageTypes.Single();

        var breaks = new List<string>();
        CompareFields(original, mutant, breaks);

        Assert.Contains(breaks, b => b.Contains("count", StringComparison.Ordinal) && b.Contains("10", StringComparison.Ordinal));
    }

    private static void CompareMessage(MessageDescriptor original, MessageDescriptor ours, List<string> breaks)
    {
        CompareFields(original, ours, breaks);

        foreach (var nested in original.NestedTypes)
        {
            var same = ours.NestedTypes.SingleOrDefault(n => n.Name == nested.Name);
            if (same is null)
            {
                breaks.Add($"message {nested.FullName} is gone");
                continue;
            }

            CompareMessage(nested, same, breaks);
        }

        foreach (var nested in original.EnumTypes)
        {
            var same = ours.EnumTypes.SingleOrDefault(n => n.Name == nested.Name);
            if (same is null)
            {
                breaks.Add($"enum {nested.FullName} is gone");
                continue;
            }

            CompareEnum(nested, same, breaks);
        }
    }

    private static void CompareFields(MessageDescriptor original, MessageDescriptor ours, List<string> breaks)
    {
        foreach (var field in original.Fields.InDeclarationOrder())
        {
            var where = $"{original.FullName}.{field.Name} = {field.FieldNumber}";
            var same = ours.FindFieldByNumber(field.FieldNumber);
            if (same is null)
            {
                var moved = ours.FindFieldByName(field.Name);
                breaks.Add(moved is null ? $"{where}: no field has number {field.FieldNumber}" : $"{where}: renumbered to {moved.FieldNumber}");
                continue;
            }

            Expect(breaks, $"{where} name", field.Name, same.Name);
            Expect(breaks, $"{where} JSON name", field.JsonName, same.JsonName);
            Expect(breaks, $"{where} type", field.FieldType, same.FieldType);
            Expect(breaks, $"{where} repeated", field.IsRepeated, same.IsRepeated);
            Expect(breaks, $"{where} map", field.IsMap, same.IsMap);
            Expect(breaks, $"{where} presence (proto3 optional)", field.HasPresence, same.HasPresence);
            Expect(breaks, $"{where} oneof", field.RealContainingOneof?.Name, same.RealContainingOneof?.Name);
            Expect(breaks, $"{where} message type", field.FieldType == FieldType.Message ? field.MessageType.FullName : null, same.FieldType == FieldType.Message ? same.MessageType.FullName : null);
            Expect(breaks, $"{where} enum type", field.FieldType == FieldType.Enum ? field.EnumType.FullName : null, same.FieldType == FieldType.Enum ? same.EnumType.FullName : null);
        }
    }

    private static void CompareEnum(EnumDescriptor original, EnumDescriptor ours, List<string> breaks)
    {
        foreach (var value in original.Values)
        {
            var same = ours.FindValueByNumber(value.Number);
            Expect(breaks, $"{original.FullName}.{value.Name} = {value.Number}", value.Name, same?.Name);
        }
    }

    private static void Expect<T>(List<string> breaks, string what, T original, T ours)
    {
        if (!EqualityComparer<T>.Default.Equals(original, ours))
        {
            breaks.Add($"{what}: was {original?.ToString() ?? "none"}, is {ours?.ToString() ?? "none"}");
        }
    }
}
