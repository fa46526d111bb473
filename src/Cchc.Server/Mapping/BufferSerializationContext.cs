using System.Buffers;
using Grpc.Core;

namespace Cchc.Server.Mapping;

/// <summary>
/// Grpc.Core's serialization contract as grpc-dotnet's server fulfils it for one message: a payload length announced
/// before the bytes, which must then be exactly that long, into a buffer read back afterwards. The marshaller encodes a
/// shared frame into one once; tests read what it writes.
/// </summary>
internal sealed class BufferSerializationContext : SerializationContext
{
    private readonly ArrayBufferWriter<byte> _buffer = new();
    private int? _announced;

    public bool Completed { get; private set; }

    public byte[] Written => Completed ? _buffer.WrittenSpan.ToArray() : throw new InvalidOperationException("The message was not completed.");

    public override void SetPayloadLength(int payloadLength) => _announced = payloadLength;

    public override IBufferWriter<byte> GetBufferWriter() => _buffer;

    public override void Complete()
    {
        if (_announced is { } length && length != _buffer.WrittenCount)
        {
            throw new InvalidOperationException($"The payload length was announced as {length} bytes and {_buffer.WrittenCount} were written.");
        }

        Completed = true;
    }

    public override void Complete(byte[] payload)
    {
        _buffer.Write(payload);
        Complete();
    }
}
