-- ssmc for Neovim's built-in LSP client: starts `ssmc lsp` for `ssmc`
-- buffers (.rbk files, see ftdetect/ssmc.vim).
--
-- Input: options to setup() (all optional). Output: one client per project
-- root (the folder with ssmc.toml, else with .git, else the file's folder),
-- attached to every ssmc buffer under it.
-- Works on Neovim 0.7 (vim.lsp.start_client + buf_attach_client) and on
-- 0.8+ (vim.lsp.start, which reuses a client with the same name and root).
local M = {}

M.defaults = {
  -- The server command; `ssmc` must be on PATH, or give its full path.
  cmd = { "ssmc", "lsp" },
  filetypes = { "ssmc" },
  root_markers = { "ssmc.toml", ".git" },
  on_attach = nil,
  capabilities = nil,
  -- Buffer keymaps set on attach (K hover, gd definition, gr references,
  -- <leader>rn rename, <leader>ca code action, <leader>f format); false: none.
  keymaps = true,
}

M.install_help = "ssmc was not found. Install it from the ssmc repository with "
  .. "`cargo install --path compiler/cli` (puts ssmc on PATH), or pass its path: "
  .. "require('ssmc').setup({ cmd = { '/path/to/ssmc', 'lsp' } })"

local features = require("ssmc.features")
local options = vim.deepcopy(M.defaults)
-- root_dir -> client id, for Neovim 0.7 (0.8+ tracks this itself).
local clients = {}

--- The project root of `path`: the nearest folder above it holding one of
--- `markers` (in order of preference), else the file's own folder.
function M.root_dir(path, markers)
  local dir = vim.fn.fnamemodify(path, ":p:h")
  for _, marker in ipairs(markers) do
    local found = vim.fn.findfile(marker, dir .. ";")
    if found == "" then
      found = vim.fn.finddir(marker, dir .. ";")
    end
    if found ~= "" then
      return vim.fn.fnamemodify(found, ":p:h:h")
    end
  end
  return dir
end

local function config_for(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local root = M.root_dir(name ~= "" and name or vim.fn.getcwd() .. "/x", options.root_markers)
  return {
    name = "ssmc",
    cmd = options.cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    on_attach = function(client, bufnr)
      -- The completion function that follows the server's edit ranges
      -- (Neovim 0.7 has no built-in completion; C-x C-o uses this).
      vim.bo[bufnr].omnifunc = "v:lua.require'ssmc.features'.omnifunc"
      if options.keymaps then
        features.keymaps(bufnr)
      end
      if options.on_attach then
        options.on_attach(client, bufnr)
      end
    end,
    capabilities = options.capabilities or vim.lsp.protocol.make_client_capabilities(),
  }
end

--- Starts (or reuses) the client for `bufnr` and attaches it; returns the
--- client id, or nil after telling the user how to install ssmc.
function M.start(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  if vim.fn.executable(options.cmd[1]) == 0 then
    vim.notify(M.install_help, vim.log.levels.ERROR)
    return nil
  end
  local config = config_for(bufnr)
  if vim.lsp.start ~= nil then
    return vim.lsp.start(config, { bufnr = bufnr })
  end
  local id = clients[config.root_dir]
  if id == nil or vim.lsp.get_client_by_id(id) == nil then
    id = vim.lsp.start_client(config)
    if id == nil then
      return nil
    end
    clients[config.root_dir] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

--- Registers the filetype autocommand; `opts` overrides M.defaults.
function M.setup(opts)
  options = vim.tbl_deep_extend("force", vim.deepcopy(M.defaults), opts or {})
  local group = vim.api.nvim_create_augroup("ssmc_lsp", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = options.filetypes,
    callback = function(args)
      M.start(args.buf)
    end,
  })
  -- Go to definition into the stdlib opens `ssmc-stdlib:` URIs: read them
  -- from the server instead of an empty file.
  vim.api.nvim_create_autocmd("BufReadCmd", {
    group = group,
    -- With a `/` the pattern is matched against the whole name, not its tail.
    pattern = { "ssmc-stdlib://*", "ssmc-stdlib:/*" },
    callback = function(args)
      local name = vim.api.nvim_buf_get_name(args.buf)
      features.read_stdlib(args.buf, name:match("ssmc%-stdlib:.*") or args.match)
    end,
  })
  local function complete_formats(list)
    return function()
      return list
    end
  end
  vim.api.nvim_create_user_command("SsmcGraph", function(cmd)
    features.graph(options.cmd[1], cmd.args)
  end, { nargs = "?", complete = complete_formats({ "mermaid", "dot", "svg" }), desc = "ssmc: the flow graph" })
  vim.api.nvim_create_user_command("SsmcPreview", function(cmd)
    features.preview(options.cmd[1], cmd.args)
  end, { nargs = "?", complete = complete_formats({ "yaml", "json" }), desc = "ssmc: the compiled documents" })
  -- The server's code lenses name these commands (the VS Code extension's ids).
  vim.lsp.commands["ssmc.showFlowGraph"] = function()
    features.graph(options.cmd[1])
  end
  vim.lsp.commands["ssmc.showCompiledDocument"] = function()
    features.preview(options.cmd[1])
  end
  vim.lsp.commands["ssmc.buildCurrentFile"] = function()
    features.build(options.cmd[1])
  end
  -- Buffers already open when setup() runs.
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) and vim.tbl_contains(options.filetypes, vim.bo[buf].filetype) then
      M.start(buf)
    end
  end
end

return M
