import { useEffect, useRef, useState } from 'react';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import UploadFileIcon from '@mui/icons-material/UploadFile';

const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');

/**
 * Files dragged anywhere over the window: an overlay says where they go, and a drop hands them to
 * `onFiles` (the import). Only while `enabled` (a workspace open, no import running); the "Choose
 * files…" button stays the keyboard's way. Dragged text or links are left alone.
 */
export function useWindowDrop(enabled: boolean, onFiles: (files: File[]) => void): boolean {
  const [over, setOver] = useState(false);
  const depth = useRef(0);
  const handler = useRef(onFiles);
  handler.current = onFiles;
  useEffect(() => {
    if (!enabled) return;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current += 1;
      setOver(true);
    };
    const overWindow = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setOver(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current = 0;
      setOver(false);
      const files = Array.from(e.dataTransfer?.files ?? []);
      if (files.length) handler.current(files);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', overWindow);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', overWindow);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
      depth.current = 0;
      setOver(false);
    };
  }, [enabled]);
  return over;
}

/** The overlay over the whole window while files are dragged over it. */
export function DropOverlay({ workspace }: { workspace: string }) {
  return (
    <Box
      data-testid="drop-overlay"
      role="status"
      aria-live="polite"
      sx={{
        position: 'fixed',
        inset: 0,
        zIndex: (theme) => theme.zIndex.modal + 1,
        bgcolor: (theme) => (theme.palette.mode === 'dark' ? 'rgba(0, 0, 0, 0.72)' : 'rgba(255, 255, 255, 0.82)'),
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        p: 4,
        pointerEvents: 'none',
      }}
    >
      <Paper
        elevation={8}
        sx={{
          border: 3,
          borderStyle: 'dashed',
          borderColor: 'primary.main',
          borderRadius: 2,
          px: 6,
          py: 5,
          textAlign: 'center',
          maxWidth: 560,
        }}
      >
        <UploadFileIcon color="primary" sx={{ fontSize: 56 }} aria-hidden />
        <Typography variant="h5" component="p" sx={{ mt: 1 }}>
          Drop to import into {workspace}
        </Typography>
        <Typography color="text.secondary" sx={{ mt: 1 }}>
          Several files at once. Each file&apos;s format is shown before anything is written.
        </Typography>
      </Paper>
    </Box>
  );
}
