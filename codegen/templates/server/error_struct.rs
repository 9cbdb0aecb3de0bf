{{ structure }}

impl std::fmt::Display for {{ name }} {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("{{ code }}")?;
        if let Some(message) = {{ message_expr }} {
            write!(f, ": {message}")?;
        }
        Ok(())
    }
}

impl std::error::Error for {{ name }} {}
