# Restarts one Windows service and waits until it reports Running.
# Embedded into restart-service.rbk with `lines file(...)`; the double-brace references
# are the runbook's parameters, checked by ssmc and filled in by SSM.
$ErrorActionPreference = 'Stop'
$name = '{{ ServiceName }}'
$timeout = [TimeSpan]::FromSeconds([int]'{{ HealthTimeoutSeconds }}')

$service = Get-Service -Name $name
Write-Output "Restarting $($service.DisplayName) ($name) on $env:COMPUTERNAME; status before: $($service.Status)"
Restart-Service -Name $name -Force

try {
    $service.WaitForStatus([System.ServiceProcess.ServiceControllerStatus]::Running, $timeout)
} catch {
    # Show why the service did not come back before failing the step.
    Get-WinEvent -FilterHashtable @{ LogName = 'System'; ProviderName = 'Service Control Manager'; StartTime = (Get-Date).AddMinutes(-10) } -MaxEvents 20 -ErrorAction SilentlyContinue |
        Format-List TimeCreated, Id, Message
    throw "$name did not reach Running within $($timeout.TotalSeconds) seconds"
}
Write-Output "$name is $((Get-Service -Name $name).Status)"
