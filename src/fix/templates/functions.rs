//! Azure Functions bindings (catalog.md §17): the code stays as it is; the connection setting it names
//! becomes an identity-based connection (`ClaimsBus` → `ClaimsBus__fullyQualifiedNamespace`), which
//! the host signs in to with the app's managed identity.

use crate::analyze::functions::{Binding, Direction, Family};
use crate::finding::Finding;
use crate::fix::{Applicability, CodeFix, NewSetting};

/// The setting of an identity-based connection that replaces `<C>` for a binding of this family.
pub fn identity_setting(family: Family) -> Option<&'static str> {
    Some(match family {
        Family::Blob => "blobServiceUri",
        Family::Queue => "queueServiceUri",
        Family::Table => "tableServiceUri",
        Family::ServiceBus | Family::EventHubs => "fullyQualifiedNamespace",
        Family::CosmosDb => "accountEndpoint",
        Family::EventGrid | Family::Signalr | Family::Sql => return None,
    })
}

pub fn binding(f: &Finding, b: Binding, setting: Option<NewSetting>) -> Result<CodeFix, String> {
    let setting = match b.family {
        Family::EventGrid => {
            return Err("the Event Grid output binding reads a key setting: replace `TopicEndpointUri`/`TopicKeySetting` by `Connection = \"<C>\"` and set `<C>__topicEndpointUri` to the topic endpoint".into());
        }
        Family::Sql => {
            return Err("the SQL binding's connection string signs in with a password: set `Authentication=Active Directory Managed Identity` in it and remove `User ID` and `Password`".into());
        }
        Family::Signalr => {
            return Err("set `AzureSignalRConnectionString__serviceUri` to the SignalR endpoint in place of the connection string".into());
        }
        _ => setting.ok_or("the connection setting's name is not known")?,
    };
    let mut needs: Vec<String> = Vec::new();
    if setting.value.is_none() {
        needs.push(format!("set `{}` to the {} endpoint (it replaces `{}`)", setting.name, f.service, setting.old));
    }
    // The blob trigger also polls a queue of blob receipts on the same account.
    if (b.family, b.direction) == (Family::Blob, Direction::Trigger) {
        needs.push(format!("the blob trigger also needs `{}__queueServiceUri` and Storage Queue Data Contributor", setting.old));
    }
    Ok(CodeFix {
        applicability: if needs.is_empty() { Applicability::Safe } else { Applicability::Review },
        needs: (!needs.is_empty()).then(|| needs.join("; ")),
        title: format!("Use an identity-based connection for the {} binding (needs a binding extension that supports it)", f.service),
        setting: Some(setting),
        ..Default::default()
    })
}
