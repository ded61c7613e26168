import CYAML

extension YAMLDecoder {
    /// Walks every libyaml event of a stream and builds nothing: the floor any decoder over libyaml
    /// pays, against which `berth bench` measures the decoder. Returns the number of events.
    public static func eventPass(_ bytes: [UInt8], file: String) throws(ManifestError) -> Int {
        try bytes.withUnsafeBufferPointer { buffer throws(ManifestError) -> Int in
            let parser = try LibYAMLParser(input: buffer, file: file)
            var count = 0
            while true {
                let event = try parser.nextEvent()
                let done = event.pointee.type == YAML_STREAM_END_EVENT
                parser.releaseEvent()
                count += 1
                if done { return count }
            }
        }
    }
}
