{{ structure }}

impl std::fmt::Display for {{ name }} {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        crate::rt::error::fmt_modeled("{{ code }}", {{ message_expr }}, f)
    }
}

impl std::error::Error for {{ name }} {}

impl crate::error::ProvideErrorMetadata for {{ name }} {
    fn meta(&self) -> &crate::error::ErrorMetadata {
        &self.meta
    }
}

impl crate::operation::RequestId for {{ name }} {
    fn request_id(&self) -> Option<&str> {
        crate::operation::RequestId::request_id(&self.meta)
    }
}
