using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Cchc.Server.Tests.Fuzzing;

/// <summary>
/// Writes a structurally valid message of any descriptor at the wire level, with random field values: hostile strings,
/// extreme and odd numbers (NaN, infinities, negative zero, the integer limits), unknown enum values, repeated fields
/// from empty to thousands of elements, nested messages (now and then a chain nested past the parser's recursion limit),
/// fields the schema does not have. <see cref="Plausible"/> leans on the season's vocabulary instead, the valid base the
/// byte mutations start from.
/// </summary>
internal sealed class MessageGenerator(Random random, FuzzVocabulary vocabulary)
{
    private const int NormalDepth = 4;
    private const int SizeLimit = 1024 * 1024;

    private static readonly double[] Doubles =
        [0, -0.0, 1, -1, 0.5, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, double.MinValue, double.Epsilon, 1e-320, 2024];

    private static readonly long[] Longs = [0, 1, -1, 2, 3, 127, 128, 255, 65536, int.MaxValue, int.MinValue, uint.MaxValue, long.MaxValue, long.MinValue];

    private bool _plausible;
    private bool _deep;
    private int _maxDepth;
    private long _written;
    private long _limit;

    /// <summary>A random message: any field may be missing, any value hostile.</summary>
    public byte[] Hostile(MessageDescriptor descriptor)
    {
        _plausible = false;
        _deep = random.Next(40) == 0;
        _maxDepth = _deep ? 100 + random.Next(40) : NormalDepth;
        _limit = random.Next(50) == 0 ? 6 * SizeLimit : SizeLimit;
        return Generate(descriptor);
    }

    /// <summary>A message with most fields set from the vocabulary: often one a handler accepts or refuses only deep inside.</summary>
    public byte[] Plausible(MessageDescriptor descriptor)
    {
        _plausible = true;
        _deep = false;
        _maxDepth = NormalDepth;
        _limit = SizeLimit;
        return Generate(descriptor);
    }

    private byte[] Generate(MessageDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        _written = 0;
        return Message(descriptor, 0);
    }

    private byte[] Message(MessageDescriptor descriptor, int depth)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        var fields = descriptor.Fields.InFieldNumberOrder();

        // A chain past the recursion limit: one nested message per level, a recursive field preferred.
        var chain = _deep ? fields.Where(f => f.FieldType == FieldType.Message).OrderByDescending(f => f.MessageType == descriptor).FirstOrDefault() : null;
        var oneofChosen = new Dictionary<OneofDescriptor, FieldDescriptor>();
        foreach (var oneof in descriptor.Oneofs.Where(o => !o.IsSynthetic))
        {
            oneofChosen[oneof] = oneof.Fields[random.Next(oneof.Fields.Count)];
        }

        foreach (var field in fields)
        {
            if (_written > _limit)
            {
                break;
            }

            var isMessage = field.FieldType is FieldType.Message or FieldType.Group;
            if (isMessage && (depth >= _maxDepth || (_deep && field != chain)))
            {
                continue;
            }

            // One member of a oneof, as a client writes it; now and then several (the last one wins on the wire).
            if (field.RealContainingOneof is { } oneof && oneofChosen[oneof] != field && (_plausible || random.Next(8) != 0))
            {
                continue;
            }

            if (!_deep && random.NextDouble() > (!_plausible ? 0.5 : isMessage || IsCode(field) || field.Name.Contains("year", StringComparison.Ordinal) ? 0.97 : 0.8))
            {
                continue;
            }

            if (field.IsRepeated)
            {
                Repeated(output, field, depth);
            }
            else
            {
                Single(output, field, depth);
            }
        }

        if (!_plausible && random.Next(10) == 0)
        {
            UnknownField(output);
        }

        output.Flush();
        return stream.ToArray();
    }

    private void Repeated(CodedOutputStream output, FieldDescriptor field, int depth)
    {
        var isMessage = field.FieldType == FieldType.Message;
        var count = _deep ? 1
            : _plausible ? 1 + random.Next(3)
            : random.Next(20) == 0 ? (isMessage ? 100 + random.Next(400) : 1000 + random.Next(4000))
            : random.Next(4);
        var packable = field.FieldType is not (FieldType.String or FieldType.Bytes or FieldType.Message or FieldType.Group);
        if (packable && (field.IsPacked ? random.Next(5) != 0 : random.Next(5) == 0))
        {
            // Parsers must take both packed and unpacked repeated scalars.
            using var packed = new MemoryStream();
            var inner = new CodedOutputStream(packed);
            for (var i = 0; i < count; i++)
            {
                Value(inner, field, depth);
            }

            inner.Flush();
            output.WriteTag(field.FieldNumber, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ByteString.CopyFrom(packed.ToArray()));
            return;
        }

        for (var i = 0; i < count && _written <= _limit; i++)
        {
            Single(output, field, depth);
        }
    }

    private void Single(CodedOutputStream output, FieldDescriptor field, int depth)
    {
        output.WriteTag(field.FieldNumber, WireTypeOf(field.FieldType));
        Value(output, field, depth);
    }

    private void Value(CodedOutputStream output, FieldDescriptor field, int depth)
    {
        _written += 8;
        switch (field.FieldType)
        {
            case FieldType.Double:
                output.WriteDouble(DoubleValue());
                break;
            case FieldType.Float:
                output.WriteFloat((float)DoubleValue());
                break;
            case FieldType.Int64:
                output.WriteInt64(LongValue(field));
                break;
            case FieldType.UInt64:
                output.WriteUInt64((ulong)LongValue(field));
                break;
            case FieldType.Fixed64:
                output.WriteFixed64((ulong)LongValue(field));
                break;
            case FieldType.SFixed64:
                output.WriteSFixed64(LongValue(field));
                break;
            case FieldType.SInt64:
                output.WriteSInt64(LongValue(field));
                break;
            case FieldType.Int32:
                output.WriteInt32((int)LongValue(field));
                break;
            case FieldType.UInt32:
                output.WriteUInt32((uint)LongValue(field));
                break;
            case FieldType.Fixed32:
                output.WriteFixed32((uint)LongValue(field));
                break;
            case FieldType.SFixed32:
                output.WriteSFixed32((int)LongValue(field));
                break;
            case FieldType.SInt32:
                output.WriteSInt32((int)LongValue(field));
                break;
            case FieldType.Bool:
                // Any non-zero varint is true on the wire.
                output.WriteUInt64(_plausible || random.Next(10) != 0 ? (ulong)random.Next(2) : ulong.MaxValue);
                break;
            case FieldType.Enum:
                output.WriteEnum(EnumValue(field.EnumType));
                break;
            case FieldType.String:
                var text = StringValue(field);
                _written += Encoding.UTF8.GetByteCount(text);
                output.WriteString(text);
                break;
            case FieldType.Bytes:
                var bytes = new byte[random.Next(20) == 0 ? 100_000 : random.Next(64)];
                random.NextBytes(bytes);
                _written += bytes.Length;
                output.WriteBytes(ByteString.CopyFrom(bytes));
                break;
            default:
                var nested = Message(field.MessageType, depth + 1);
                output.WriteBytes(ByteString.CopyFrom(nested));
                break;
        }
    }

    private double DoubleValue() => random.Next(4) == 0 ? (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-10, 20)) : Doubles[random.Next(Doubles.Length)];

    private long LongValue(FieldDescriptor field)
    {
        if (field.Name.Contains("year", StringComparison.Ordinal) && (_plausible || random.Next(2) == 0))
        {
            return _plausible ? vocabulary.Years[random.Next(4) == 0 ? random.Next(1, 3) : 0] : HostileText.Pick(random, vocabulary.Years);
        }

        if (_plausible)
        {
            return random.Next(10) < 7 ? 0 : random.Next(1, 5);
        }

        return random.Next(3) == 0 ? random.NextInt64(long.MinValue, long.MaxValue) : Longs[random.Next(Longs.Length)];
    }

    private int EnumValue(EnumDescriptor descriptor)
    {
        var values = descriptor.Values;
        if (_plausible)
        {
            return values.Count > 1 ? values[random.Next(2) == 0 ? 1 : 1 + random.Next(values.Count - 1)].Number : values[0].Number;
        }

        return random.Next(10) switch
        {
            0 => int.MaxValue,
            1 => -1,
            2 => values.Max(v => v.Number) + 1 + random.Next(100),
            _ => values[random.Next(values.Count)].Number,
        };
    }

    private string StringValue(FieldDescriptor field)
    {
        if (!_plausible && random.Next(5) < 3)
        {
            return HostileText.Next(random, vocabulary);
        }

        var name = field.Name;
        if (IsCode(field))
        {
            return HostileText.Pick(random, CodesFor(name));
        }

        if (name.Contains("points", StringComparison.Ordinal) || name.Contains("threshold", StringComparison.Ordinal))
        {
            return HostileText.Pick(random, vocabulary.Points);
        }

        if (name.EndsWith("_at", StringComparison.Ordinal))
        {
            return HostileText.Pick(random, vocabulary.Times);
        }

        return random.Next(3) == 0 ? HostileText.Pick(random, vocabulary.ItemCodes) : HostileText.Pick(random, vocabulary.Words);
    }

    private static bool IsCode(FieldDescriptor field) =>
        field.FieldType == FieldType.String && (field.Name.EndsWith("code", StringComparison.Ordinal) || field.Name.EndsWith("codes", StringComparison.Ordinal));

    // A code of the level the field's name says (a commune for commune_code, a province or district for scope_code),
    // now and then one of another level.
    private IReadOnlyList<string> CodesFor(string name)
    {
        if (random.Next(12) == 0)
        {
            return vocabulary.UnitCodes;
        }

        return name switch
        {
            _ when name.Contains("item", StringComparison.Ordinal) || name.Contains("field", StringComparison.Ordinal) => vocabulary.ItemCodes,
            _ when name.Contains("commune", StringComparison.Ordinal) || name.Contains("unit", StringComparison.Ordinal) => vocabulary.CommuneCodes,
            _ when name.Contains("district", StringComparison.Ordinal) => vocabulary.DistrictCodes,
            _ when name.Contains("scope", StringComparison.Ordinal) || name.Contains("parent", StringComparison.Ordinal) =>
                random.Next(3) == 0 ? vocabulary.DistrictCodes : vocabulary.ProvinceCodes,
            _ when name.Contains("province", StringComparison.Ordinal) => vocabulary.ProvinceCodes,
            _ => vocabulary.UnitCodes,
        };
    }

    private void UnknownField(CodedOutputStream output)
    {
        var number = 1000 + random.Next(100_000);
        switch (random.Next(4))
        {
            case 0:
                output.WriteTag(number, WireFormat.WireType.Varint);
                output.WriteUInt64((ulong)random.NextInt64());
                break;
            case 1:
                output.WriteTag(number, WireFormat.WireType.Fixed32);
                output.WriteFixed32((uint)random.Next());
                break;
            case 2:
                output.WriteTag(number, WireFormat.WireType.Fixed64);
                output.WriteFixed64((ulong)random.NextInt64());
                break;
            default:
                output.WriteTag(number, WireFormat.WireType.LengthDelimited);
                output.WriteString(HostileText.Next(random, vocabulary));
                break;
        }
    }

    private static WireFormat.WireType WireTypeOf(FieldType type) => type switch
    {
        FieldType.Double or FieldType.Fixed64 or FieldType.SFixed64 => WireFormat.WireType.Fixed64,
        FieldType.Float or FieldType.Fixed32 or FieldType.SFixed32 => WireFormat.WireType.Fixed32,
        FieldType.String or FieldType.Bytes or FieldType.Message or FieldType.Group => WireFormat.WireType.LengthDelimited,
        _ => WireFormat.WireType.Varint,
    };
}
