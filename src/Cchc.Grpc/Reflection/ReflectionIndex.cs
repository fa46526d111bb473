using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Reflection.V1;

namespace Cchc.Grpc.Reflection;

/// <summary>
/// Answers reflection requests from the registered proto files and everything they import: files by name, the
/// file declaring a symbol or an extension, and the service list.
/// </summary>
internal sealed class ReflectionIndex
{
    private readonly IReadOnlyList<string> _services;
    private readonly Dictionary<string, FileDescriptor> _filesByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileDescriptor> _fileBySymbol = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Type, int Number), FileDescriptor> _fileByExtension = [];

    public ReflectionIndex(GrpcServiceRegistry registry)
    {
        _services = [.. registry.ServiceNames];
        foreach (FileDescriptor file in registry.FileDescriptors)
        {
            AddFile(file);
        }
    }

    public ServerReflectionResponse Answer(ServerReflectionRequest request)
    {
        var response = new ServerReflectionResponse { ValidHost = request.Host, OriginalRequest = request };
        switch (request.MessageRequestCase)
        {
            case ServerReflectionRequest.MessageRequestOneofCase.ListServices:
                var list = new ListServiceResponse();
                foreach (string service in _services)
                {
                    list.Service.Add(new ServiceResponse { Name = service });
                }

                response.ListServicesResponse = list;
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileByFilename:
                SetFile(response, _filesByName.GetValueOrDefault(request.FileByFilename), $"File not found: {request.FileByFilename}");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol:
                SetFile(response, _fileBySymbol.GetValueOrDefault(request.FileContainingSymbol), $"Symbol not found: {request.FileContainingSymbol}");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingExtension:
                ExtensionRequest extension = request.FileContainingExtension;
                SetFile(
                    response,
                    _fileByExtension.GetValueOrDefault((extension.ContainingType, extension.ExtensionNumber)),
                    $"Extension not found: {extension.ContainingType} {extension.ExtensionNumber}");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.AllExtensionNumbersOfType:
                string type = request.AllExtensionNumbersOfType;
                if (!_fileBySymbol.ContainsKey(type))
                {
                    SetError(response, GrpcStatusCode.NotFound, $"Type not found: {type}");
                    break;
                }

                var numbers = new ExtensionNumberResponse { BaseTypeName = type };
                numbers.ExtensionNumber.AddRange(_fileByExtension.Keys.Where(k => k.Type == type).Select(k => k.Number).Order());
                response.AllExtensionNumbersResponse = numbers;
                break;
            default:
                SetError(response, GrpcStatusCode.InvalidArgument, "The reflection request names no known query.");
                break;
        }

        return response;
    }

    private void SetFile(ServerReflectionResponse response, FileDescriptor? file, string notFound)
    {
        if (file is null)
        {
            SetError(response, GrpcStatusCode.NotFound, notFound);
            return;
        }

        // The file first, then everything it imports, transitively: the client may know none of them.
        var files = new FileDescriptorResponse();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<FileDescriptor>();
        pending.Enqueue(file);
        while (pending.TryDequeue(out FileDescriptor? next))
        {
            if (!seen.Add(next.Name))
            {
                continue;
            }

            files.FileDescriptorProto.Add(next.SerializedData);
            foreach (FileDescriptor dependency in next.Dependencies)
            {
                pending.Enqueue(dependency);
            }
        }

        response.FileDescriptorResponse = files;
    }

    private static void SetError(ServerReflectionResponse response, GrpcStatusCode code, string message) =>
        response.ErrorResponse = new ErrorResponse { ErrorCode = (int)code, ErrorMessage = message };

    private void AddFile(FileDescriptor file)
    {
        if (!_filesByName.TryAdd(file.Name, file))
        {
            return;
        }

        foreach (FileDescriptor dependency in file.Dependencies)
        {
            AddFile(dependency);
        }

        foreach (ServiceDescriptor service in file.Services)
        {
            _fileBySymbol.TryAdd(service.FullName, file);
            foreach (MethodDescriptor method in service.Methods)
            {
                _fileBySymbol.TryAdd(method.FullName, file);
            }
        }

        foreach (MessageDescriptor message in file.MessageTypes)
        {
            AddMessage(message, file);
        }

        foreach (EnumDescriptor enumType in file.EnumTypes)
        {
            _fileBySymbol.TryAdd(enumType.FullName, file);
        }

        foreach (FieldDescriptor extension in file.Extensions.UnorderedExtensions)
        {
            AddExtension(extension, file);
        }
    }

    private void AddMessage(MessageDescriptor message, FileDescriptor file)
    {
        _fileBySymbol.TryAdd(message.FullName, file);
        foreach (MessageDescriptor nested in message.NestedTypes)
        {
            AddMessage(nested, file);
        }

        foreach (EnumDescriptor nested in message.EnumTypes)
        {
            _fileBySymbol.TryAdd(nested.FullName, file);
        }

        foreach (FieldDescriptor extension in message.Extensions.UnorderedExtensions)
        {
            AddExtension(extension, file);
        }
    }

    private void AddExtension(FieldDescriptor extension, FileDescriptor file)
    {
        _fileBySymbol.TryAdd(extension.FullName, file);
        _fileByExtension.TryAdd((extension.ExtendeeType.FullName, extension.FieldNumber), file);
    }

    /// <summary>Reads a v1alpha message as v1 or back: the two protos are the same on the wire.</summary>
    public static TTo Convert<TTo>(IMessage from, MessageParser<TTo> parser)
        where TTo : IMessage<TTo> => parser.ParseFrom(from.ToByteString());
}
