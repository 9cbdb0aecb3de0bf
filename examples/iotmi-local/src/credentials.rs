//! `--credentials AKID:SECRET[:TOKEN]` and `--credentials-file FILE`: the callers iotmi-local
//! lets in when it runs in signed-only mode.

use smithygen_server_runtime::sigv4::StaticCredentials;

/// One access key as given on the command line or in a file.
#[derive(Clone, PartialEq, Eq)]
pub struct Credential {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: Option<String>,
}

impl std::fmt::Debug for Credential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Secrets stay out of logs and test failure output.
        write!(f, "Credential({}, ***)", self.access_key_id)
    }
}

/// `AKID:SECRET` or `AKID:SECRET:TOKEN`.
pub fn parse_credential(s: &str) -> Result<Credential, String> {
    let mut parts = s.trim().splitn(3, ':');
    let akid = parts.next().unwrap_or_default();
    let secret = parts.next().unwrap_or_default();
    let token = parts.next().map(str::to_owned);
    if akid.is_empty() || secret.is_empty() || token.as_deref() == Some("") {
        return Err(format!(
            "`{}` is not AKID:SECRET or AKID:SECRET:TOKEN",
            akid_only(s)
        ));
    }
    Ok(Credential {
        access_key_id: akid.to_owned(),
        secret_access_key: secret.to_owned(),
        session_token: token,
    })
}

/// What an error may show of a credential argument: never the secret.
fn akid_only(s: &str) -> String {
    match s.split_once(':') {
        Some((akid, _)) => format!("{akid}:***"),
        None => s.to_owned(),
    }
}

/// A credentials file: either the AWS shared-credentials format (`[profile]` sections with
/// `aws_access_key_id`, `aws_secret_access_key`, optional `aws_session_token`; every profile
/// is accepted) or one `AKID:SECRET[:TOKEN]` per line. `#` and `;` start comments.
pub fn parse_credentials_file(text: &str) -> Result<Vec<Credential>, String> {
    let mut out = Vec::new();
    // The profile being read: (line number, key id, secret, token).
    let mut profile: Option<(usize, [Option<String>; 3])> = None;
    let finish = |p: Option<(usize, [Option<String>; 3])>, out: &mut Vec<Credential>| match p {
        None => Ok(()),
        Some((_, [Some(akid), Some(secret), token])) => {
            out.push(Credential {
                access_key_id: akid,
                secret_access_key: secret,
                session_token: token,
            });
            Ok(())
        }
        Some((line, _)) => Err(format!(
            "line {line}: the profile needs aws_access_key_id and aws_secret_access_key"
        )),
    };
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        let n = i + 1;
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if line.starts_with('[') && line.ends_with(']') {
            finish(profile.take(), &mut out)?;
            profile = Some((n, [None, None, None]));
        } else if let Some((_, fields)) = profile.as_mut() {
            let (key, value) = line
                .split_once('=')
                .ok_or_else(|| format!("line {n}: expected `key = value`"))?;
            let slot = match key.trim() {
                "aws_access_key_id" => 0,
                "aws_secret_access_key" => 1,
                "aws_session_token" => 2,
                _ => continue, // region, output, ...: not ours
            };
            fields[slot] = Some(value.trim().to_owned());
        } else {
            out.push(parse_credential(line).map_err(|e| format!("line {n}: {e}"))?);
        }
    }
    finish(profile, &mut out)?;
    Ok(out)
}

/// All credentials from the command line and the files; `None` when none were given (the
/// server then accepts any caller).
pub fn load(
    inline: &[Credential],
    files: &[std::path::PathBuf],
) -> Result<Option<StaticCredentials>, String> {
    let mut all = inline.to_vec();
    for path in files {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("--credentials-file {}: {e}", path.display()))?;
        let found = parse_credentials_file(&text)
            .map_err(|e| format!("--credentials-file {}: {e}", path.display()))?;
        if found.is_empty() {
            return Err(format!(
                "--credentials-file {}: no credentials in the file",
                path.display()
            ));
        }
        all.extend(found);
    }
    if all.is_empty() {
        return Ok(None);
    }
    Ok(Some(
        all.into_iter().fold(StaticCredentials::new(), |c, k| {
            c.with(k.access_key_id, k.secret_access_key, k.session_token)
        }),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_forms() {
        let c = parse_credential("AKID:SE/CR+ET").unwrap();
        assert_eq!(
            (c.access_key_id.as_str(), c.secret_access_key.as_str()),
            ("AKID", "SE/CR+ET")
        );
        assert_eq!(c.session_token, None);
        let c = parse_credential("AKID:SECRET:TOKEN").unwrap();
        assert_eq!(c.session_token.as_deref(), Some("TOKEN"));
        for bad in ["AKID", "AKID:", ":SECRET", "AKID:SECRET:"] {
            assert!(parse_credential(bad).is_err(), "{bad}");
        }
        let e = parse_credential("AKID::x").unwrap_err();
        assert!(!e.contains('x'), "no secret in {e}");
    }

    #[test]
    fn files_in_both_formats() {
        let ini = "[default]\naws_access_key_id = A1\naws_secret_access_key = S1\nregion = us-east-1\n\n\
                   [temp]\naws_access_key_id=A2\naws_secret_access_key=S2\naws_session_token=T2\n";
        let keys = parse_credentials_file(ini).unwrap();
        assert_eq!(keys.len(), 2);
        assert_eq!(keys[1].session_token.as_deref(), Some("T2"));
        let lines = "# callers\nA1:S1\n\nA2:S2:T2\n";
        assert_eq!(parse_credentials_file(lines).unwrap().len(), 2);
        assert!(parse_credentials_file("[p]\naws_access_key_id=A\n").is_err());
        assert!(parse_credentials_file("A1\n").is_err());
    }
}
