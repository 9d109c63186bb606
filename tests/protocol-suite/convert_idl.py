"""Writes awsJson1_1-idl.json: the awsJson 1.1 compliance cases of the current IDL
suite (shared/reference/protocol-tests/smithy-aws-protocol-tests) that the JSON suite
lacks, with the shapes they use, as a Smithy JSON AST model our generator reads.

The cases are taken from the IDL files as they are (a small reader of Smithy node
values); the shapes are written out below. Run: python3 tests/protocol-suite/convert_idl.py
"""
import json, os, re, textwrap


class NodeReader:
    """Reads one Smithy IDL node value (object, list, string, text block, number, keyword, shape id)."""
    def __init__(s, t, i=0): s.t, s.i = t, i
    def ws(s):
        while s.i < len(s.t):
            c = s.t[s.i]
            if c in ' \t\r\n,': s.i += 1
            elif s.t.startswith('//', s.i): s.i = s.t.index('\n', s.i)
            else: break
    def value(s):
        s.ws(); c = s.t[s.i]
        if c == '{':
            s.i += 1; out = {}
            while True:
                s.ws()
                if s.t[s.i] == '}': s.i += 1; return out
                k = s.key(); s.ws(); assert s.t[s.i] == ':', s.t[s.i-20:s.i+20]; s.i += 1
                out[k] = s.value()
        if c == '[':
            s.i += 1; out = []
            while True:
                s.ws()
                if s.t[s.i] == ']': s.i += 1; return out
                out.append(s.value())
        if s.t.startswith('"""', s.i):
            j = s.t.index('"""', s.i + 3); raw = s.t[s.i+3:j]; s.i = j + 3
            if raw.startswith('\n'): raw = raw[1:]
            raw = textwrap.dedent(raw)
            raw = raw.replace('\\\n', '')
            return raw.encode().decode('unicode_escape') if '\\' in raw else raw
        if c == '"':
            j = s.i + 1; buf = ''
            while s.t[j] != '"':
                if s.t[j] == '\\': buf += s.t[j:j+2]; j += 2
                else: buf += s.t[j]; j += 1
            s.i = j + 1
            return json.loads('"' + buf + '"')
        m = re.compile(r'-?\d+(\.\d+)?([eE][-+]?\d+)?').match(s.t, s.i)
        if m: s.i = m.end(); return json.loads(m.group())
        m = re.compile(r'[A-Za-z_][A-Za-z0-9_.#$]*').match(s.t, s.i); s.i = m.end(); w = m.group()
        return {'true': True, 'false': False, 'null': None}.get(w, 'aws.protocols#' + w if w.startswith('awsJson') else w)
    def key(s):
        if s.t[s.i] == '"': return s.value()
        m = re.compile(r'[A-Za-z_][A-Za-z0-9_]*').match(s.t, s.i); s.i = m.end(); return m.group()

def cases(path):
    """(shape name, trait id, [cases]) for every test trait in the file."""
    t = open(path).read(); out = []
    for m in re.finditer(r'(apply\s+(\w+)\s+)?@(httpRequestTests|httpResponseTests)\(', t):
        p = NodeReader(t, m.end()); arr = p.value()
        name = m.group(2)
        if not name:
            name = re.compile(r'^(?:operation|structure)\s+(\w+)', re.M).search(t, p.i).group(1)
        out.append((name, 'smithy.test#' + m.group(3), arr))
    return out


HERE = os.path.dirname(os.path.abspath(__file__))
D = os.path.join(HERE, '../../../shared/reference/protocol-tests/smithy-aws-protocol-tests/model/awsJson1_1/')
ns = 'aws.protocoltests.json#'
S = lambda n: 'smithy.api#' + n
def t(name): return {'target': name if '#' in name else ns + name}
def struct(members, **traits): return {'type': 'structure', 'members': {k: t(v) for k, v in members.items()}, 'traits': traits}
def op(name, io=None, errors=(), idem=False):
    o = {'type': 'operation'}
    if io: o['input'] = t(io); o['output'] = t(io)
    if errors: o['errors'] = [t(e) for e in errors]
    o['traits'] = {'smithy.api#idempotent': {}} if idem else {}
    return o
shapes = {
  ns + 'JsonProtocol': {'type': 'service', 'version': '2018-01-01',
      'operations': [t(o) for o in ['GreetingWithErrors', 'JsonEnums', 'JsonIntEnums', 'NullOperation', 'SparseNullsOperation', 'PutAndGetInlineDocuments', 'JsonUnions',
          'EmptyOperation', 'ContentTypeParameters', 'SimpleScalarProperties', 'DatetimeOffsets', 'FractionalSeconds']],
      'traits': {'aws.api#service': {'sdkId': 'Json Protocol Idl'}, 'aws.protocols#awsJson1_1': {}, 'aws.auth#sigv4': {'name': 'foo'}}},
  # errors.smithy
  ns + 'GreetingWithErrors': {'type': 'operation', 'output': t('GreetingWithErrorsOutput'), 'errors': [t('InvalidGreeting'), t('ComplexError'), t('FooError')], 'traits': {'smithy.api#idempotent': {}}},
  ns + 'GreetingWithErrorsOutput': struct({'greeting': S('String')}),
  ns + 'InvalidGreeting': struct({'Message': S('String')}, **{'smithy.api#error': 'client'}),
  ns + 'ComplexError': struct({'TopLevel': S('String'), 'Nested': 'ComplexNestedErrorData'}, **{'smithy.api#error': 'client'}),
  ns + 'ComplexNestedErrorData': {'type': 'structure', 'members': {'Foo': {'target': S('String'), 'traits': {'smithy.api#jsonName': 'Fooooo'}}}},
  ns + 'FooError': struct({}, **{'smithy.api#error': 'server', 'smithy.api#tags': ['client-only']}),
  # enums.smithy and the shared types it uses
  ns + 'JsonEnums': op('JsonEnums', 'JsonEnumsInputOutput', idem=True),
  ns + 'JsonEnumsInputOutput': struct({'fooEnum1': 'FooEnum', 'fooEnum2': 'FooEnum', 'fooEnum3': 'FooEnum', 'fooEnumList': 'FooEnumList', 'fooEnumSet': 'FooEnumSet', 'fooEnumMap': 'FooEnumMap'}),
  ns + 'JsonIntEnums': op('JsonIntEnums', 'JsonIntEnumsInputOutput', idem=True),
  ns + 'JsonIntEnumsInputOutput': struct({'intEnum1': 'IntegerEnum', 'intEnum2': 'IntegerEnum', 'intEnum3': 'IntegerEnum', 'intEnumList': 'IntegerEnumList', 'intEnumSet': 'IntegerEnumSet', 'intEnumMap': 'IntegerEnumMap'}),
  ns + 'FooEnum': {'type': 'enum', 'members': {k: {'target': S('Unit'), 'traits': {S('enumValue'): v}} for k, v in [('FOO', 'Foo'), ('BAZ', 'Baz'), ('BAR', 'Bar'), ('ONE', '1'), ('ZERO', '0')]}},
  ns + 'FooEnumList': {'type': 'list', 'member': t('FooEnum')},
  ns + 'FooEnumSet': {'type': 'list', 'member': t('FooEnum'), 'traits': {S('uniqueItems'): {}}},
  ns + 'FooEnumMap': {'type': 'map', 'key': t(S('String')), 'value': t('FooEnum')},
  ns + 'IntegerEnum': {'type': 'intEnum', 'members': {k: {'target': S('Unit'), 'traits': {S('enumValue'): v}} for k, v in [('A', 1), ('B', 2), ('C', 3)]}},
  ns + 'IntegerEnumList': {'type': 'list', 'member': t('IntegerEnum')},
  ns + 'IntegerEnumSet': {'type': 'list', 'member': t('IntegerEnum'), 'traits': {S('uniqueItems'): {}}},
  ns + 'IntegerEnumMap': {'type': 'map', 'key': t(S('String')), 'value': t('IntegerEnum')},
  # null.smithy
  ns + 'NullOperation': op('NullOperation', 'NullOperationInputOutput'),
  ns + 'NullOperationInputOutput': struct({'string': S('String')}),
  ns + 'SparseNullsOperation': op('SparseNullsOperation', 'SparseNullsOperationInputOutput'),
  ns + 'SparseNullsOperationInputOutput': struct({'sparseStringList': 'SparseStringList', 'sparseStringMap': 'SparseStringMap'}),
  ns + 'SparseStringList': {'type': 'list', 'member': t(S('String')), 'traits': {S('sparse'): {}}},
  ns + 'SparseStringMap': {'type': 'map', 'key': t(S('String')), 'value': t(S('String')), 'traits': {S('sparse'): {}}},
  # documents.smithy
  ns + 'PutAndGetInlineDocuments': op('PutAndGetInlineDocuments', 'PutAndGetInlineDocumentsInputOutput'),
  ns + 'PutAndGetInlineDocumentsInputOutput': struct({'inlineDocument': 'Document'}),
  ns + 'Document': {'type': 'document'},
  # unions.smithy
  ns + 'JsonUnions': op('JsonUnions', 'UnionInputOutput', idem=True),
  ns + 'UnionInputOutput': struct({'contents': 'MyUnion'}),
  ns + 'MyUnion': {'type': 'union', 'members': {k: t(v) for k, v in [('stringValue', S('String')), ('booleanValue', S('Boolean')), ('numberValue', S('Integer')), ('blobValue', S('Blob')), ('timestampValue', S('Timestamp')), ('enumValue', 'FooEnum'), ('listValue', 'StringList'), ('mapValue', 'StringMap'), ('structureValue', 'GreetingStruct')]}},
  ns + 'StringList': {'type': 'list', 'member': t(S('String'))},
  ns + 'StringMap': {'type': 'map', 'key': t(S('String')), 'value': t(S('String'))},
  ns + 'GreetingStruct': struct({'hi': S('String')}),
  # empty-operation.smithy, content-type.smithy
  ns + 'EmptyOperation': {'type': 'operation'},
  ns + 'ContentTypeParameters': {'type': 'operation', 'input': t('ContentTypeParametersInput'), 'output': t('ContentTypeParametersOutput')},
  ns + 'ContentTypeParametersInput': struct({'value': S('Integer')}, **{'smithy.api#input': {}}),
  ns + 'ContentTypeParametersOutput': struct({}, **{'smithy.api#output': {}}),
  # json-structs.smithy (the operation with the non-finite float cases)
  ns + 'SimpleScalarProperties': op('SimpleScalarProperties', 'SimpleScalarPropertiesInputOutput'),
  ns + 'SimpleScalarPropertiesInputOutput': struct({'floatValue': S('Float'), 'doubleValue': S('Double')}),
  # datetime-offsets.smithy, fractional-seconds.smithy
  ns + 'DatetimeOffsets': {'type': 'operation', 'output': t('DatetimeOffsetsOutput'), 'traits': {S('tags'): ['client-only']}},
  ns + 'DatetimeOffsetsOutput': struct({'datetime': 'DateTime'}),
  ns + 'FractionalSeconds': {'type': 'operation', 'output': t('FractionalSecondsOutput'), 'traits': {S('tags'): ['client-only']}},
  ns + 'FractionalSecondsOutput': struct({'datetime': 'DateTime'}),
  ns + 'DateTime': {'type': 'timestamp', 'traits': {S('timestampFormat'): 'date-time'}},
}
for f in ['errors', 'enums', 'null', 'documents', 'unions', 'empty-operation', 'content-type', 'json-structs', 'datetime-offsets', 'fractional-seconds']:
    for name, trait, arr in cases(D + f + '.smithy'):
        shapes[ns + name].setdefault('traits', {})[trait] = arr
model = {'smithy': '2.0', 'metadata': {'source': 'converted from smithy-aws-protocol-tests/model/awsJson1_1/ (errors, enums, null, documents, unions, empty-operation, content-type, json-structs, datetime-offsets, fractional-seconds) of smithy 1.73.0 (the cases as they are; the shapes they use, with the shared types)'}, 'shapes': shapes}
open(os.path.join(HERE, 'awsJson1_1-idl.json'), 'w').write(json.dumps(model, indent=2) + '\n')
n = sum(len(v) for s in shapes.values() for k, v in s.get('traits', {}).items() if k.startswith('smithy.test'))
print(n, 'cases')
