import Manifests
import Resources
import Testing

@Suite("YAML emitter output")
struct EmitterGoldenTests {
    /// Every tricky string as a key, as a value, as a list item, and (quoted by `scalar`) as text again.
    static let document: Value = [
        "keys": .object(Fields(EmitterTests.trickyStrings.map { ($0, Value.string($0)) })),
        "items": .array(EmitterTests.trickyStrings.map(Value.string)),
        "inline": .array(EmitterTests.trickyStrings.map { .string(YAMLEmitter.scalar(.string($0))) }),
    ]

    @Test("the tricky strings are written byte for byte as before")
    func trickyStringsExactly() throws {
        #expect(YAMLEmitter.emit(Self.document) == Self.expected)
        #expect(try decodeOne(Self.expected).value == Self.document)
    }

    @Test("write(_:linePrefix:into:) starts every line after the first with the prefix")
    func linePrefix() {
        let values: [Value] = [Self.document, .string("a\n\nb\n"), "plain", [], ["k": "v\n"]] + EmitterTests.values
        for value in values {
            var out = Array("> ".utf8)
            YAMLEmitter.write(value, linePrefix: Array("> ".utf8), into: &out)
            let lines = YAMLEmitter.emit(value).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(String(decoding: out, as: UTF8.self) == lines.map { "> " + $0 + "\n" }.joined())
        }
    }

    static let expected = #"""
        keys:
          "": ""
          ' ': ' '
          web: web
          "yes": "yes"
          "No": "No"
          "on": "on"
          "OFF": "OFF"
          "y": "y"
          "n": "n"
          "true": "true"
          "null": "null"
          "Null": "Null"
          "~": "~"
          "1": "1"
          "-1": "-1"
          "+1": "+1"
          "0755": "0755"
          "0x1F": "0x1F"
          "0b11": "0b11"
          "1_000": "1_000"
          "08": "08"
          "1.5": "1.5"
          "1e3": "1e3"
          "1.": "1."
          ".5": ".5"
          ".inf": ".inf"
          "-.Inf": "-.Inf"
          ".nan": ".nan"
          "2001-12-14": "2001-12-14"
          "2001-12-14T21:59:43Z": "2001-12-14T21:59:43Z"
          "1:20": "1:20"
          "<<": "<<"
          =: =
          '-': '-'
          --: --
          '---': '---'
          '---x': '---x'
          '...': '...'
          '- a': '- a'
          -a: -a
          --port=8080: --port=8080
          '?': '?'
          '? a': '? a'
          ?a: ?a
          ':': ':'
          ': a': ': a'
          :a: :a
          'a:': 'a:'
          'a: b': 'a: b'
          a:b: a:b
          'a #b': 'a #b'
          a#b: a#b
          '#a': '#a'
          '@x': '@x'
          '`x': '`x'
          '%x': '%x'
          '!x': '!x'
          '!!str': '!!str'
          '&x': '&x'
          '*x': '*x'
          '|': '|'
          '>': '>'
          '''': ''''
          '''''': ''''''
          '"': '"'
          it's: it's
          say "hi": say "hi"
          '[': '['
          ']': ']'
          '{': '{'
          '}': '}'
          ',': ','
          a,b: a,b
          '[a]': '[a]'
          '{a: 1}': '{a: 1}'
          ' lead': ' lead'
          'trail ': 'trail '
          a\b: a\b
          "tab\there": "tab\there"
          "\t": "\t"
          "back\abell": "back\abell"
          "\0": "\0"
          "del\x7F": "del\x7F"
          "\Nnext": "\Nnext"
          "line\Lsep": "line\Lsep"
          "\uFEFFbom": "\uFEFFbom"
          é: é
          日本語: 日本語
          emoji 🚢: emoji 🚢
          100m: 100m
          128Mi: 128Mi
          nginx:1.25: nginx:1.25
          http://x/y?z=1#f: http://x/y?z=1#f
          "a\nb": |-
            a
            b
          "a\nb\n": |
            a
            b
          "a\nb\n\n": |+
            a
            b

          "a\nb\n\n\n": |+
            a
            b


          "\n": "\n"
          "\n\n": "\n\n"
          "\nlead": |-

            lead
          "\n\nlead\n": |


            lead
          "  indented\nx": "  indented\nx"
          "x\n  more indented\n": |
            x
              more indented
          "trailing \nspace": "trailing \nspace"
          "end space \n": "end space \n"
          "crlf\r\nline": "crlf\r\nline"
          "tab\tin\nblock\n": |
            tab\#tin
            block
          "#!/bin/sh\necho \"hi\" # comment\nexit 0\n": |
            #!/bin/sh
            echo "hi" # comment
            exit 0
          "key: value\n- item\n": |
            key: value
            - item
          "---\n...\n": |
            ---
            ...
        items:
        - ""
        - ' '
        - web
        - "yes"
        - "No"
        - "on"
        - "OFF"
        - "y"
        - "n"
        - "true"
        - "null"
        - "Null"
        - "~"
        - "1"
        - "-1"
        - "+1"
        - "0755"
        - "0x1F"
        - "0b11"
        - "1_000"
        - "08"
        - "1.5"
        - "1e3"
        - "1."
        - ".5"
        - ".inf"
        - "-.Inf"
        - ".nan"
        - "2001-12-14"
        - "2001-12-14T21:59:43Z"
        - "1:20"
        - "<<"
        - =
        - '-'
        - --
        - '---'
        - '---x'
        - '...'
        - '- a'
        - -a
        - --port=8080
        - '?'
        - '? a'
        - ?a
        - ':'
        - ': a'
        - :a
        - 'a:'
        - 'a: b'
        - a:b
        - 'a #b'
        - a#b
        - '#a'
        - '@x'
        - '`x'
        - '%x'
        - '!x'
        - '!!str'
        - '&x'
        - '*x'
        - '|'
        - '>'
        - ''''
        - ''''''
        - '"'
        - it's
        - say "hi"
        - '['
        - ']'
        - '{'
        - '}'
        - ','
        - a,b
        - '[a]'
        - '{a: 1}'
        - ' lead'
        - 'trail '
        - a\b
        - "tab\there"
        - "\t"
        - "back\abell"
        - "\0"
        - "del\x7F"
        - "\Nnext"
        - "line\Lsep"
        - "\uFEFFbom"
        - é
        - 日本語
        - emoji 🚢
        - 100m
        - 128Mi
        - nginx:1.25
        - http://x/y?z=1#f
        - |-
          a
          b
        - |
          a
          b
        - |+
          a
          b

        - |+
          a
          b


        - "\n"
        - "\n\n"
        - |-

          lead
        - |


          lead
        - "  indented\nx"
        - |
          x
            more indented
        - "trailing \nspace"
        - "end space \n"
        - "crlf\r\nline"
        - |
          tab\#tin
          block
        - |
          #!/bin/sh
          echo "hi" # comment
          exit 0
        - |
          key: value
          - item
        - |
          ---
          ...
        inline:
        - '""'
        - ''' '''
        - web
        - '"yes"'
        - '"No"'
        - '"on"'
        - '"OFF"'
        - '"y"'
        - '"n"'
        - '"true"'
        - '"null"'
        - '"Null"'
        - '"~"'
        - '"1"'
        - '"-1"'
        - '"+1"'
        - '"0755"'
        - '"0x1F"'
        - '"0b11"'
        - '"1_000"'
        - '"08"'
        - '"1.5"'
        - '"1e3"'
        - '"1."'
        - '".5"'
        - '".inf"'
        - '"-.Inf"'
        - '".nan"'
        - '"2001-12-14"'
        - '"2001-12-14T21:59:43Z"'
        - '"1:20"'
        - '"<<"'
        - =
        - '''-'''
        - --
        - '''---'''
        - '''---x'''
        - '''...'''
        - '''- a'''
        - -a
        - --port=8080
        - '''?'''
        - '''? a'''
        - ?a
        - ''':'''
        - ''': a'''
        - :a
        - '''a:'''
        - '''a: b'''
        - a:b
        - '''a #b'''
        - a#b
        - '''#a'''
        - '''@x'''
        - '''`x'''
        - '''%x'''
        - '''!x'''
        - '''!!str'''
        - '''&x'''
        - '''*x'''
        - '''|'''
        - '''>'''
        - ''''''''''
        - ''''''''''''''
        - '''"'''
        - it's
        - say "hi"
        - '''['''
        - ''']'''
        - '''{'''
        - '''}'''
        - ''','''
        - a,b
        - '''[a]'''
        - '''{a: 1}'''
        - ''' lead'''
        - '''trail '''
        - a\b
        - '"tab\there"'
        - '"\t"'
        - '"back\abell"'
        - '"\0"'
        - '"del\x7F"'
        - '"\Nnext"'
        - '"line\Lsep"'
        - '"\uFEFFbom"'
        - é
        - 日本語
        - emoji 🚢
        - 100m
        - 128Mi
        - nginx:1.25
        - http://x/y?z=1#f
        - '"a\nb"'
        - '"a\nb\n"'
        - '"a\nb\n\n"'
        - '"a\nb\n\n\n"'
        - '"\n"'
        - '"\n\n"'
        - '"\nlead"'
        - '"\n\nlead\n"'
        - '"  indented\nx"'
        - '"x\n  more indented\n"'
        - '"trailing \nspace"'
        - '"end space \n"'
        - '"crlf\r\nline"'
        - '"tab\tin\nblock\n"'
        - '"#!/bin/sh\necho \"hi\" # comment\nexit 0\n"'
        - '"key: value\n- item\n"'
        - '"---\n...\n"'

        """#
}
