import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { DataProvider } from './lib/query'
import { AuthGate } from './pages/auth/AuthGate'
import './styles.css'

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <DataProvider>
        <AuthGate>
          <App />
        </AuthGate>
      </DataProvider>
    </StrictMode>,
  )
}
