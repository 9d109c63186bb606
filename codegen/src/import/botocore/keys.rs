//! Every key of botocore's `service-2.json` format, by the place it appears
//! in: those the importer converts (to the Smithy trait AWS's own models use)
//! and those it leaves out on purpose, each with why. The list was made from
//! botocore's `model.py` and from every key the service models of botocore
//! 1.44.8 use; any other key is a warning naming its JSON path, never an error,
//! so that a newer botocore cannot stop an import.

/// The keys of one kind of JSON object of the botocore document.
pub(super) struct Place {
    /// Keys read by the converter of this place.
    pub(super) converted: &'static [&'static str],
    /// Keys deliberately not converted: `(key, why)`.
    pub(super) ignored: &'static [(&'static str, &'static str)],
}

impl Place {
    pub(super) fn knows(&self, key: &str) -> bool {
        self.converted.contains(&key) || self.ignored.iter().any(|(k, _)| *k == key)
    }
}

const NOT_XML: &str = "XML and query protocols only; this importer takes awsJson services";
const BOX: &str = "Smithy 1.0's @box; in Smithy 2.0 a member is optional unless @required";
const REFERENCE_DOCS: &str =
    "Smithy references carry no documentation; the target shape keeps its own";

pub(super) const ROOT: Place = Place {
    converted: &[
        "metadata",
        "operations",
        "shapes",
        "documentation",
        "deprecated",
        "deprecatedMessage",
        "deprecatedSince",
        "clientContextParams",
    ],
    ignored: &[
        ("version", "the version of botocore's format (always 2.0)"),
        (
            "examples",
            "botocore keeps examples in examples-1.json; @examples is not imported",
        ),
    ],
};

pub(super) const METADATA: Place = Place {
    converted: &[
        "apiVersion",
        "auth",
        "awsQueryCompatible",
        "endpointPrefix",
        "jsonVersion",
        "protocol",
        "protocols",
        "protocolSettings",
        "serviceFullName",
        "serviceId",
        "signatureVersion",
        "signingName",
        "targetPrefix",
        "xmlNamespace",
    ],
    ignored: &[
        (
            "uid",
            "aws.api#service's docId, which the official models mostly leave out (WorkSpaces, DynamoDB)",
        ),
        (
            "serviceAbbreviation",
            "a short title for documentation; Smithy has no trait for it",
        ),
        ("ripServiceName", "an AWS-internal service name"),
        (
            "globalEndpoint",
            "endpoints come from endpoint rules, which are not imported",
        ),
        (
            "checksumFormat",
            "query protocols' MD5 checksums; no Smithy trait",
        ),
    ],
};

pub(super) const PROTOCOL_SETTINGS: Place = Place {
    converted: &["h2"],
    ignored: &[],
};

pub(super) const CLIENT_CONTEXT_PARAM: Place = Place {
    converted: &["type", "documentation"],
    ignored: &[],
};

pub(super) const OPERATION: Place = Place {
    converted: &[
        "input",
        "output",
        "errors",
        "documentation",
        "documentationUrl",
        "deprecated",
        "deprecatedMessage",
        "deprecatedSince",
        "idempotent",
        "readonly",
        "endpoint",
        "endpointdiscovery",
        "endpointoperation",
        "staticContextParams",
        "operationContextParams",
        "requestcompression",
        "httpChecksum",
        "httpChecksumRequired",
        "auth",
        "authtype",
        "unsignedPayload",
    ],
    ignored: &[
        ("name", "the operation's key in `operations` names it"),
        (
            "http",
            "awsJson always sends POST /; the official awsJson models carry no @http",
        ),
    ],
};

/// `input` and `output` of an operation.
pub(super) const OPERATION_IO: Place = Place {
    converted: &["shape"],
    ignored: &[
        ("documentation", REFERENCE_DOCS),
        ("resultWrapper", NOT_XML),
        ("wrapper", NOT_XML),
        ("locationName", NOT_XML),
        ("xmlNamespace", NOT_XML),
    ],
};

/// An entry of an operation's `errors`.
pub(super) const ERROR_REFERENCE: Place = Place {
    converted: &["shape"],
    ignored: &[
        ("documentation", REFERENCE_DOCS),
        ("exception", "a copy of the error shape's own key"),
        ("fault", "a copy of the error shape's own key"),
        ("error", "a copy of the error shape's own key"),
    ],
};

pub(super) const ENDPOINT: Place = Place {
    converted: &["hostPrefix"],
    ignored: &[],
};

pub(super) const ENDPOINT_DISCOVERY: Place = Place {
    converted: &["required"],
    ignored: &[],
};

pub(super) const HTTP_CHECKSUM: Place = Place {
    converted: &[
        "requestAlgorithmMember",
        "requestChecksumRequired",
        "requestValidationModeMember",
        "responseAlgorithms",
    ],
    ignored: &[],
};

pub(super) const REQUEST_COMPRESSION: Place = Place {
    converted: &["encodings"],
    ignored: &[],
};

/// One parameter of `staticContextParams`.
pub(super) const STATIC_CONTEXT_PARAM: Place = Place {
    converted: &["value"],
    ignored: &[],
};

/// One parameter of `operationContextParams`.
pub(super) const OPERATION_CONTEXT_PARAM: Place = Place {
    converted: &["path"],
    ignored: &[],
};

pub(super) const SHAPE: Place = Place {
    converted: &[
        "type",
        "documentation",
        "members",
        "required",
        "member",
        "key",
        "value",
        "min",
        "max",
        "pattern",
        "enum",
        "sensitive",
        "deprecated",
        "deprecatedMessage",
        "deprecatedSince",
        "exception",
        "fault",
        "error",
        "retryable",
        "union",
        "document",
        "eventstream",
        "timestampFormat",
        "streaming",
        "sparse",
        "requiresLength",
        "payload",
        "locationName",
        "xmlNamespace",
    ],
    ignored: &[
        ("box", BOX),
        (
            "synthetic",
            "botocore's mark on shapes it made itself; they are imported as any other",
        ),
        (
            "event",
            "an event structure is one that an @streaming union targets",
        ),
        ("wrapper", NOT_XML),
        ("xmlOrder", NOT_XML),
        (
            "flattened",
            "Smithy has @xmlFlattened on members only (XML protocols)",
        ),
    ],
};

/// The `error` object of an exception shape.
pub(super) const SHAPE_ERROR: Place = Place {
    converted: &["code", "httpStatusCode"],
    ignored: &[
        (
            "senderFault",
            "the same as the shape's `fault` being absent",
        ),
        ("fault", "the same as the shape's `fault`"),
    ],
};

pub(super) const RETRYABLE: Place = Place {
    converted: &["throttling"],
    ignored: &[],
};

/// A member of a structure.
pub(super) const MEMBER: Place = Place {
    converted: &[
        "shape",
        "documentation",
        "deprecated",
        "deprecatedMessage",
        "deprecatedSince",
        "idempotencyToken",
        "hostLabel",
        "location",
        "locationName",
        "timestampFormat",
        "contextParam",
        "jsonvalue",
        "streaming",
        "flattened",
        "xmlNamespace",
        "xmlAttribute",
        "queryName",
        "eventheader",
        "eventpayload",
        "endpointdiscoveryid",
    ],
    ignored: &[
        ("box", BOX),
        (
            "enum",
            "restJson models' inline values of a shared string; Smithy has no enum on a member",
        ),
    ],
};

pub(super) const CONTEXT_PARAM: Place = Place {
    converted: &["name"],
    ignored: &[],
};

/// `member` of a list, `key` and `value` of a map.
pub(super) const COLLECTION_MEMBER: Place = Place {
    converted: &["shape", "documentation", "locationName", "jsonvalue"],
    ignored: &[],
};

/// `xmlNamespace` of a member or shape.
pub(super) const XML_NAMESPACE: Place = Place {
    converted: &["uri", "prefix"],
    ignored: &[],
};
